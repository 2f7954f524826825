export class ListFeedQuery {
  constructor(
    readonly limit: number,
    readonly cursor?: string,
  ) {}
}
