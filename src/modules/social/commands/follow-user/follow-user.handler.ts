import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { USER_DIRECTORY, UserDirectory } from '@domain/identity/user-directory.port';
import { CLOCK, Clock } from '@domain/shared/clock';
import { NotFoundError } from '@domain/shared/domain-error';
import { OUTBOX, Outbox } from '@domain/shared/domain-event';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { userFollowed, userUnfollowed } from '@domain/social/events/follow.events';
import { assertCanFollow } from '@domain/social/follow';
import { FOLLOW_REPOSITORY, FollowRepository } from '@domain/social/follow.repository';
import { AppConfig } from '@infra/config/app-config';
import { FollowUserCommand } from './follow-user.command';

/**
 * One transaction: the follow row, both counters (only when the row changed) and, when it did,
 * the event that updates the follower's timeline (backfill on follow, removal on unfollow).
 * A repeated PUT or DELETE changes nothing and appends nothing: 204 either way.
 */
@CommandHandler(FollowUserCommand)
export class FollowUserHandler implements ICommandHandler<FollowUserCommand, void> {
  constructor(
    @Inject(FOLLOW_REPOSITORY) private readonly follows: FollowRepository,
    @Inject(USER_DIRECTORY) private readonly users: UserDirectory,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(OUTBOX) private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async execute({ actorId, targetId, follow }: FollowUserCommand): Promise<void> {
    assertCanFollow(actorId, targetId);
    // Users are never deleted, so the check holds for the transaction below.
    const found = await this.users.publicProfiles([targetId]);
    if (!found.has(targetId)) throw new NotFoundError('User');
    await this.uow.run(async () => {
      const now = this.clock.now();
      if (follow) {
        const threshold = this.config.env.FEED_FANOUT_MAX_FOLLOWERS;
        if (await this.follows.follow(actorId, targetId, now, threshold))
          await this.outbox.append(userFollowed(actorId, targetId, now));
      } else if (await this.follows.unfollow(actorId, targetId)) {
        await this.outbox.append(userUnfollowed(actorId, targetId, now));
      }
    });
  }
}
