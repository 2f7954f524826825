/** Follow (`follow: true`) or unfollow `targetId` as `actorId`; idempotent either way. */
export class FollowUserCommand {
  constructor(
    readonly actorId: string,
    readonly targetId: string,
    readonly follow: boolean,
  ) {}
}
