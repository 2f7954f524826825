/** A new comment on a published article, or a reply when `parentId` is given. */
export class PostCommentCommand {
  constructor(
    readonly userId: string,
    readonly articleId: string,
    readonly content: string,
    readonly parentId: string | null,
  ) {}
}
