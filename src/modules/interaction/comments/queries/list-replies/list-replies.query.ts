export class ListRepliesQuery {
  constructor(
    readonly commentId: string,
    readonly limit: number,
    readonly cursor?: string,
  ) {}
}
