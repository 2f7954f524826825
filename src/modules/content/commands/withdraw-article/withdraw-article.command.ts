export class WithdrawArticleCommand {
  constructor(
    readonly actorId: string,
    readonly articleId: string,
  ) {}
}
