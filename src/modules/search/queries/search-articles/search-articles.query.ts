export class SearchArticlesQuery {
  constructor(
    readonly q: string,
    readonly limit: number,
    readonly cursor?: string,
  ) {}
}
