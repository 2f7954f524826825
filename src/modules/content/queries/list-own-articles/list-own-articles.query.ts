export class ListOwnArticlesQuery {
  constructor(
    readonly authorId: string,
    readonly limit: number,
    readonly cursor?: string,
  ) {}
}
