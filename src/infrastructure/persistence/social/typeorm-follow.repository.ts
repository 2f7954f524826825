import { Injectable } from '@nestjs/common';
import { Follow, FollowCounts, NO_FOLLOWS } from '@domain/social/follow';
import { FollowPosition, FollowRepository } from '@domain/social/follow.repository';
import { bufferToUuid, uuidToBuffer } from '@infra/database/column-codecs';
import { placeholders, Sql } from '@infra/database/sql';

interface FollowRow {
  follower_id: Buffer;
  followee_id: Buffer;
  created_at: Date;
}

function toFollow(r: FollowRow): Follow {
  return {
    followerId: bufferToUuid(r.follower_id),
    followeeId: bufferToUuid(r.followee_id),
    since: r.created_at,
  };
}

/**
 * Follow rows and counters in the caller's transaction. The counters move only when the
 * INSERT IGNORE / DELETE changed a row (affected rows), in the same statement order for every
 * transaction (follow row, then both counter rows in id order), so 50 concurrent PUT/DELETE on
 * one pair serialize on the follow row's key and end with counts equal to the rows.
 */
@Injectable()
export class TypeormFollowRepository implements FollowRepository {
  constructor(private readonly sql: Sql) {}

  async follow(
    followerId: string,
    followeeId: string,
    now: Date,
    celebrityThreshold: number,
  ): Promise<boolean> {
    const inserted = await this.sql.execute(
      'INSERT IGNORE INTO social_follows (follower_id, followee_id, created_at) VALUES (?, ?, ?)',
      [uuidToBuffer(followerId), uuidToBuffer(followeeId), now],
    );
    if (inserted === 0) return false;
    await this.moveCounts(followerId, followeeId, 1);
    const row = await this.sql.one<{ followers: number }>(
      'SELECT followers FROM social_follow_counts WHERE user_id = ?',
      [uuidToBuffer(followeeId)],
    );
    if (row && row.followers >= celebrityThreshold) {
      await this.sql.execute(
        'INSERT IGNORE INTO social_celebrities (user_id, since) VALUES (?, ?)',
        [uuidToBuffer(followeeId), now],
      );
    }
    return true;
  }

  async unfollow(followerId: string, followeeId: string): Promise<boolean> {
    const deleted = await this.sql.execute(
      'DELETE FROM social_follows WHERE follower_id = ? AND followee_id = ?',
      [uuidToBuffer(followerId), uuidToBuffer(followeeId)],
    );
    if (deleted === 0) return false;
    await this.moveCounts(followerId, followeeId, -1);
    return true;
  }

  /** One upsert of both counter rows, in id order (the same lock order in every transaction). */
  private async moveCounts(followerId: string, followeeId: string, by: 1 | -1): Promise<void> {
    const rows = [
      { id: followerId, followers: 0, following: by },
      { id: followeeId, followers: by, following: 0 },
    ].sort((a, b) => (a.id < b.id ? -1 : 1));
    await this.sql.execute(
      `INSERT INTO social_follow_counts (user_id, followers, following) VALUES (?, ?, ?), (?, ?, ?)
       ON DUPLICATE KEY UPDATE followers = followers + VALUES(followers), following = following + VALUES(following)`,
      rows.flatMap((r) => [uuidToBuffer(r.id), r.followers, r.following]),
    );
  }

  async isFollowing(followerId: string, followeeId: string, lock = false): Promise<boolean> {
    const row = await this.sql.one<{ one: number }>(
      `SELECT 1 AS one FROM social_follows WHERE follower_id = ? AND followee_id = ?${lock ? ' LOCK IN SHARE MODE' : ''}`,
      [uuidToBuffer(followerId), uuidToBuffer(followeeId)],
    );
    return row !== null;
  }

  async followedAmong(followerId: string, followeeIds: readonly string[]): Promise<Set<string>> {
    const unique = [...new Set(followeeIds)];
    if (unique.length === 0) return new Set();
    const rows = await this.sql.rows<{ followee_id: Buffer }>(
      `SELECT followee_id FROM social_follows WHERE follower_id = ? AND followee_id IN (${placeholders(unique.length)})`,
      [uuidToBuffer(followerId), ...unique.map(uuidToBuffer)],
    );
    return new Set(rows.map((r) => bufferToUuid(r.followee_id)));
  }

  async counts(userId: string): Promise<FollowCounts> {
    const row = await this.sql.one<FollowCounts>(
      'SELECT followers, following FROM social_follow_counts WHERE user_id = ?',
      [uuidToBuffer(userId)],
    );
    return row ? { followers: row.followers, following: row.following } : NO_FOLLOWS;
  }

  followers(userId: string, before: FollowPosition | null, limit: number): Promise<Follow[]> {
    return this.page(
      'followee_id',
      'follower_id',
      'ix_social_follows_followers',
      userId,
      before,
      limit,
    );
  }

  following(userId: string, before: FollowPosition | null, limit: number): Promise<Follow[]> {
    return this.page(
      'follower_id',
      'followee_id',
      'ix_social_follows_following',
      userId,
      before,
      limit,
    );
  }

  /**
   * Newest follow first, keyset on (created_at, other id) within one user's range of `index`
   * (forced: with a ref access on the user's column alone MariaDB would sort the whole range).
   */
  private async page(
    own: 'followee_id' | 'follower_id',
    other: 'followee_id' | 'follower_id',
    index: string,
    userId: string,
    before: FollowPosition | null,
    limit: number,
  ): Promise<Follow[]> {
    const params: unknown[] = [uuidToBuffer(userId)];
    let keyset = '';
    if (before) {
      keyset = `AND (created_at < ? OR (created_at = ? AND ${other} < ?))`;
      params.push(before.since, before.since, uuidToBuffer(before.userId));
    }
    params.push(limit);
    const rows = await this.sql.rows<FollowRow>(
      `SELECT follower_id, followee_id, created_at FROM social_follows FORCE INDEX (${index})
       WHERE ${own} = ? ${keyset} ORDER BY created_at DESC, ${other} DESC LIMIT ?`,
      params,
    );
    return rows.map(toFollow);
  }

  async followersAfter(
    followeeId: string,
    after: FollowPosition | null,
    limit: number,
  ): Promise<Follow[]> {
    const params: unknown[] = [uuidToBuffer(followeeId)];
    let keyset = '';
    if (after) {
      keyset = 'AND (created_at > ? OR (created_at = ? AND follower_id > ?))';
      params.push(after.since, after.since, uuidToBuffer(after.userId));
    }
    params.push(limit);
    const rows = await this.sql.rows<FollowRow>(
      `SELECT follower_id, followee_id, created_at FROM social_follows FORCE INDEX (ix_social_follows_followers)
       WHERE followee_id = ? ${keyset} ORDER BY created_at, follower_id LIMIT ?`,
      params,
    );
    return rows.map(toFollow);
  }

  async isCelebrity(userId: string): Promise<boolean> {
    const row = await this.sql.one<{ one: number }>(
      'SELECT 1 AS one FROM social_celebrities WHERE user_id = ?',
      [uuidToBuffer(userId)],
    );
    return row !== null;
  }

  async celebritiesFollowedBy(readerId: string): Promise<string[]> {
    // Driven by the (small) celebrity table: one primary-key probe of social_follows each, so
    // the cost does not grow with how many people the reader follows.
    const rows = await this.sql.rows<{ user_id: Buffer }>(
      `SELECT c.user_id FROM social_celebrities c STRAIGHT_JOIN social_follows f
         ON f.follower_id = ? AND f.followee_id = c.user_id`,
      [uuidToBuffer(readerId)],
    );
    return rows.map((r) => bufferToUuid(r.user_id));
  }
}
