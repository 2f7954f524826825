import type { DomainEvent } from '@domain/shared/domain-event';
import { isUuid, newId } from '@domain/shared/uuid';

export const USER_FOLLOWED = 'social.user-followed';
export const USER_UNFOLLOWED = 'social.user-unfollowed';
/** The next batch of an article's fan-out into its author's followers' timelines. */
export const FANOUT_CONTINUED = 'social.fan-out-continued';

function followEvent(type: string, followerId: string, followeeId: string, now: Date): DomainEvent {
  return {
    id: newId(now.getTime()),
    type,
    aggregateId: followerId,
    occurredAt: now,
    payload: { followerId, followeeId },
  };
}

/** A follow row was inserted: the followee's recent articles go into the follower's timeline. */
export function userFollowed(followerId: string, followeeId: string, now: Date): DomainEvent {
  return followEvent(USER_FOLLOWED, followerId, followeeId, now);
}

/** A follow row was deleted: the followee's articles leave the follower's timeline. */
export function userUnfollowed(followerId: string, followeeId: string, now: Date): DomainEvent {
  return followEvent(USER_UNFOLLOWED, followerId, followeeId, now);
}

export function followOf(event: DomainEvent): { followerId: string; followeeId: string } | null {
  const { followerId, followeeId } = event.payload;
  if (typeof followerId !== 'string' || !isUuid(followerId)) return null;
  if (typeof followeeId !== 'string' || !isUuid(followeeId)) return null;
  return { followerId, followeeId };
}

export interface FanOutBatch {
  articleId: string;
  authorId: string;
  publishedAt: Date;
  /** Where the previous batch stopped in the followers' scan (follow time, follower id). */
  after: { since: Date; userId: string };
}

export function fanOutContinued(batch: FanOutBatch, now: Date): DomainEvent {
  return {
    id: newId(now.getTime()),
    type: FANOUT_CONTINUED,
    aggregateId: batch.articleId,
    occurredAt: now,
    payload: {
      articleId: batch.articleId,
      authorId: batch.authorId,
      publishedAt: batch.publishedAt.toISOString(),
      afterSince: batch.after.since.toISOString(),
      afterFollowerId: batch.after.userId,
    },
  };
}

export function fanOutBatchOf(event: DomainEvent): FanOutBatch | null {
  const { articleId, authorId, publishedAt, afterSince, afterFollowerId } = event.payload;
  if (typeof articleId !== 'string' || !isUuid(articleId)) return null;
  if (typeof authorId !== 'string' || !isUuid(authorId)) return null;
  if (typeof afterFollowerId !== 'string' || !isUuid(afterFollowerId)) return null;
  if (typeof publishedAt !== 'string' || typeof afterSince !== 'string') return null;
  const at = new Date(publishedAt);
  const since = new Date(afterSince);
  if (Number.isNaN(at.getTime()) || Number.isNaN(since.getTime())) return null;
  return { articleId, authorId, publishedAt: at, after: { since, userId: afterFollowerId } };
}
