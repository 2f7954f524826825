export class DepositCommand {
  constructor(
    readonly accountId: string,
    readonly amount: number,
  ) {}
}
