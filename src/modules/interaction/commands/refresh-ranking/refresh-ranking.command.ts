export class RefreshRankingCommand {
  constructor(readonly limit: number) {}
}
