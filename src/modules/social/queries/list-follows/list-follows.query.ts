/** `followers`: who follows `userId`; `following`: whom `userId` follows. Newest follow first. */
export class ListFollowsQuery {
  constructor(
    readonly userId: string,
    readonly direction: 'followers' | 'following',
    readonly limit: number,
    readonly cursor?: string,
  ) {}
}
