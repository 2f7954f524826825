export class GetOwnArticleQuery {
  constructor(
    readonly actorId: string,
    readonly articleId: string,
  ) {}
}
