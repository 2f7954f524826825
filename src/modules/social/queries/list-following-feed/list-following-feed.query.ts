export class ListFollowingFeedQuery {
  constructor(
    readonly readerId: string,
    readonly limit: number,
    readonly cursor?: string,
  ) {}
}
