import { Follow, FollowCounts, NO_FOLLOWS } from '@domain/social/follow';
import { FollowPosition, FollowRepository } from '@domain/social/follow.repository';
import {
  compareNewestFirst,
  FeedEntry,
  FeedPosition,
  isBefore,
} from '@domain/social/following-feed';
import { TimelineRepository } from '@domain/social/timeline.repository';
import { Transactional } from './unit-of-work';

const newestFollowFirst = (other: (f: Follow) => string) => (a: Follow, b: Follow) =>
  b.since.getTime() - a.since.getTime() || other(b).localeCompare(other(a));

const olderThan = (f: Follow, other: string, before: FollowPosition | null) =>
  !before ||
  f.since < before.since ||
  (f.since.getTime() === before.since.getTime() && other < before.userId);

/** social_follows, social_follow_counts (derived from the rows) and social_celebrities. */
export class InMemoryFollowRepository implements FollowRepository, Transactional {
  private rows = new Map<string, Follow>();
  private celebrities = new Set<string>();

  async follow(
    followerId: string,
    followeeId: string,
    now: Date,
    threshold: number,
  ): Promise<boolean> {
    const key = `${followerId}>${followeeId}`;
    if (this.rows.has(key)) return false;
    this.rows.set(key, { followerId, followeeId, since: now });
    if ((await this.counts(followeeId)).followers >= threshold) this.celebrities.add(followeeId);
    return true;
  }

  async unfollow(followerId: string, followeeId: string): Promise<boolean> {
    return this.rows.delete(`${followerId}>${followeeId}`);
  }

  async isFollowing(followerId: string, followeeId: string): Promise<boolean> {
    return this.rows.has(`${followerId}>${followeeId}`);
  }

  async followedAmong(followerId: string, followeeIds: readonly string[]): Promise<Set<string>> {
    return new Set(followeeIds.filter((id) => this.rows.has(`${followerId}>${id}`)));
  }

  async counts(userId: string): Promise<FollowCounts> {
    const all = [...this.rows.values()];
    const c = {
      followers: all.filter((f) => f.followeeId === userId).length,
      following: all.filter((f) => f.followerId === userId).length,
    };
    return c.followers + c.following === 0 ? NO_FOLLOWS : c;
  }

  async followers(userId: string, before: FollowPosition | null, limit: number): Promise<Follow[]> {
    return [...this.rows.values()]
      .filter((f) => f.followeeId === userId && olderThan(f, f.followerId, before))
      .sort(newestFollowFirst((f) => f.followerId))
      .slice(0, limit);
  }

  async following(userId: string, before: FollowPosition | null, limit: number): Promise<Follow[]> {
    return [...this.rows.values()]
      .filter((f) => f.followerId === userId && olderThan(f, f.followeeId, before))
      .sort(newestFollowFirst((f) => f.followeeId))
      .slice(0, limit);
  }

  async followersAfter(
    followeeId: string,
    after: FollowPosition | null,
    limit: number,
  ): Promise<Follow[]> {
    return [...this.rows.values()]
      .filter(
        (f) =>
          f.followeeId === followeeId &&
          (!after ||
            f.since > after.since ||
            (f.since.getTime() === after.since.getTime() && f.followerId > after.userId)),
      )
      .sort(
        (a, b) => a.since.getTime() - b.since.getTime() || a.followerId.localeCompare(b.followerId),
      )
      .slice(0, limit);
  }

  async isCelebrity(userId: string): Promise<boolean> {
    return this.celebrities.has(userId);
  }

  async celebritiesFollowedBy(readerId: string): Promise<string[]> {
    return [...this.celebrities].filter((c) => this.rows.has(`${readerId}>${c}`));
  }

  saveState(): unknown {
    return { rows: new Map(this.rows), celebrities: new Set(this.celebrities) };
  }

  restoreState(state: unknown): void {
    const s = state as { rows: Map<string, Follow>; celebrities: Set<string> };
    this.rows = new Map(s.rows);
    this.celebrities = new Set(s.celebrities);
  }
}

/** social_timeline; records every page call (the read's cost). */
export class InMemoryTimelineRepository implements TimelineRepository {
  private rows = new Map<string, FeedEntry & { readerId: string }>();
  readonly pageCalls: Array<{ readerId: string; limit: number }> = [];

  async push(readerIds: readonly string[], entry: FeedEntry): Promise<void> {
    for (const readerId of readerIds)
      this.rows.set(`${readerId}:${entry.articleId}`, { ...entry, readerId });
  }

  async pushMany(readerId: string, entries: readonly FeedEntry[]): Promise<void> {
    for (const e of entries) await this.push([readerId], e);
  }

  async removeArticle(articleId: string, publishedBefore: Date): Promise<number> {
    let n = 0;
    for (const [k, r] of this.rows)
      if (r.articleId === articleId && r.publishedAt <= publishedBefore)
        n += Number(this.rows.delete(k));
    return n;
  }

  async removeAuthor(readerId: string, authorId: string): Promise<number> {
    let n = 0;
    for (const [k, r] of this.rows)
      if (r.readerId === readerId && r.authorId === authorId) n += Number(this.rows.delete(k));
    return n;
  }

  async page(readerId: string, before: FeedPosition | null, limit: number): Promise<FeedEntry[]> {
    this.pageCalls.push({ readerId, limit });
    return [...this.rows.values()]
      .filter((r) => r.readerId === readerId && isBefore(r, before))
      .sort(compareNewestFirst)
      .slice(0, limit)
      .map(({ articleId, authorId, publishedAt }) => ({ articleId, authorId, publishedAt }));
  }

  count(): number {
    return this.rows.size;
  }
}
