export class PublishArticleCommand {
  constructor(
    readonly actorId: string,
    readonly articleId: string,
  ) {}
}
