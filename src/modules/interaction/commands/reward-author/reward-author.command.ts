export class RewardAuthorCommand {
  constructor(
    readonly actorId: string,
    readonly articleId: string,
    readonly fromAccountId: string,
    readonly amount: number,
  ) {}
}
