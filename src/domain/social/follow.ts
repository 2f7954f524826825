import { CannotFollowSelfError } from './social.errors';

/** A follow relation: `followerId` reads what `followeeId` publishes, since `since`. */
export interface Follow {
  followerId: string;
  followeeId: string;
  since: Date;
}

/** The follower/following counts of one user (exact: kept with the rows, see FollowRepository). */
export interface FollowCounts {
  followers: number;
  following: number;
}

export const NO_FOLLOWS: FollowCounts = { followers: 0, following: 0 };

/** Following yourself is refused (CANNOT_FOLLOW_SELF), unfollowing yourself too (it never exists). */
export function assertCanFollow(followerId: string, followeeId: string): void {
  if (followerId === followeeId) throw new CannotFollowSelfError();
}

/**
 * Hybrid feed: an author with at least `threshold` followers is a "celebrity": their articles are
 * not copied into every follower's timeline (fan-out on write) but merged in when a follower
 * reads (fan-out on read). The mark is taken when a follow makes the count reach the threshold
 * and kept afterwards (sticky), so an author never flips between the two paths.
 */
export function becomesCelebrity(followersAfterFollow: number, threshold: number): boolean {
  return followersAfterFollow >= threshold;
}
