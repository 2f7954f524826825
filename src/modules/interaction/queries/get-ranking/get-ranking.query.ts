export class GetRankingQuery {
  constructor(readonly limit: number) {}
}
