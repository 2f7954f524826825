export class CreateArticleCommand {
  constructor(
    readonly authorId: string,
    readonly title: string,
    readonly content: string,
  ) {}
}
