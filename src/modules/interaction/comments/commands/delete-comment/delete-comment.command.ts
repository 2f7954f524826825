/** Deletes a comment: by its author, the article's author or an admin (`isAdmin`). */
export class DeleteCommentCommand {
  constructor(
    readonly userId: string,
    readonly isAdmin: boolean,
    readonly commentId: string,
  ) {}
}
