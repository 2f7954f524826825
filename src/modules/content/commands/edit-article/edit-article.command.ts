export class EditArticleCommand {
  constructor(
    readonly actorId: string,
    readonly articleId: string,
    readonly changes: { title?: string; content?: string },
  ) {}
}
