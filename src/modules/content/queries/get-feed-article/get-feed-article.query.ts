export class GetFeedArticleQuery {
  constructor(
    readonly articleId: string,
    /** Absent without a token. */
    readonly viewerId?: string,
  ) {}
}
