import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { USER_DIRECTORY, UserDirectory } from '@domain/identity/user-directory.port';
import { NotFoundError } from '@domain/shared/domain-error';
import { isUuid } from '@domain/shared/uuid';
import { FOLLOW_REPOSITORY, FollowRepository } from '@domain/social/follow.repository';
import { decodeCursor, keysetFetchSize, keysetPage } from '@infra/http/pagination';
import { FollowEntryPageResponse } from '../../dto/follow-entry.response';
import { ListFollowsQuery } from './list-follows.query';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A keyset page of follow rows, then the other users' public names in one batched call. */
@QueryHandler(ListFollowsQuery)
export class ListFollowsHandler implements IQueryHandler<
  ListFollowsQuery,
  FollowEntryPageResponse
> {
  constructor(
    @Inject(FOLLOW_REPOSITORY) private readonly follows: FollowRepository,
    @Inject(USER_DIRECTORY) private readonly users: UserDirectory,
  ) {}

  async execute({
    userId,
    direction,
    limit,
    cursor,
  }: ListFollowsQuery): Promise<FollowEntryPageResponse> {
    const position = decodeCursor<{ s: string; u: string }>(
      cursor,
      (v) => typeof v.s === 'string' && ISO.test(v.s) && typeof v.u === 'string' && isUuid(v.u),
    );
    const owner = await this.users.publicProfiles([userId]);
    if (!owner.has(userId)) throw new NotFoundError('User');
    const before = position ? { since: new Date(position.s), userId: position.u } : null;
    const rows =
      direction === 'followers'
        ? await this.follows.followers(userId, before, keysetFetchSize(limit))
        : await this.follows.following(userId, before, keysetFetchSize(limit));
    const otherOf = (f: { followerId: string; followeeId: string }) =>
      direction === 'followers' ? f.followerId : f.followeeId;
    const page = keysetPage(rows, limit, (f) => ({ s: f.since.toISOString(), u: otherOf(f) }));
    const profiles = await this.users.publicProfiles(page.items.map(otherOf));
    return {
      items: page.items.flatMap((f) => {
        const p = profiles.get(otherOf(f));
        return p
          ? [
              {
                user: { id: p.id, username: p.username, nickname: p.nickname },
                since: f.since.toISOString(),
              },
            ]
          : [];
      }),
      nextCursor: page.nextCursor,
    };
  }
}
