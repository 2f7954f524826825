export class ListCommentsQuery {
  constructor(
    readonly articleId: string,
    readonly limit: number,
    readonly cursor?: string,
  ) {}
}
