import type { Follow, FollowCounts } from './follow';

/** Where a followers/following page resumes: strictly older than (since, other user's id). */
export interface FollowPosition {
  since: Date;
  userId: string;
}

/**
 * The follow relation and its counters. `follow`/`unfollow` change the row and both users'
 * counters in the caller's transaction, and the counters only move when a row was actually
 * inserted or deleted, so counts equal the row counts under any concurrency.
 */
export interface FollowRepository {
  /** True when the row was inserted (false: already following). Marks the followee a celebrity when the count reaches `celebrityThreshold`. */
  follow(
    followerId: string,
    followeeId: string,
    now: Date,
    celebrityThreshold: number,
  ): Promise<boolean>;
  /** True when a row was deleted (false: was not following). */
  unfollow(followerId: string, followeeId: string): Promise<boolean>;
  /** Whether the relation exists; `lock` takes a shared lock on it until the transaction ends. */
  isFollowing(followerId: string, followeeId: string, lock?: boolean): Promise<boolean>;
  /** Those of `followeeIds` that `followerId` follows. */
  followedAmong(followerId: string, followeeIds: readonly string[]): Promise<Set<string>>;
  counts(userId: string): Promise<FollowCounts>;
  /** The followers of `userId`, newest follow first (the `userId` of each Follow is the follower). */
  followers(userId: string, before: FollowPosition | null, limit: number): Promise<Follow[]>;
  /** Who `userId` follows, newest follow first. */
  following(userId: string, before: FollowPosition | null, limit: number): Promise<Follow[]>;
  /** Fan-out scan: the next `limit` followers of `followeeId` after `after`, oldest follow first. */
  followersAfter(
    followeeId: string,
    after: FollowPosition | null,
    limit: number,
  ): Promise<Follow[]>;
  isCelebrity(userId: string): Promise<boolean>;
  /** The celebrities `readerId` follows (one primary-key probe per celebrity, not per followee). */
  celebritiesFollowedBy(readerId: string): Promise<string[]>;
}

export const FOLLOW_REPOSITORY = Symbol('FollowRepository');
