import type { FeedEntry, FeedPosition } from './following-feed';

/**
 * Per-reader timelines (fan-out on write): one row per (reader, article) of the non-celebrity
 * authors the reader follows. Writes are idempotent (a fan-out job delivered twice adds nothing).
 */
export interface TimelineRepository {
  /** Puts `entry` into each reader's timeline (or moves it to its new publishedAt). */
  push(readerIds: readonly string[], entry: FeedEntry): Promise<void>;
  /** Puts `entries` (one author's backfill) into one reader's timeline. */
  pushMany(readerId: string, entries: readonly FeedEntry[]): Promise<void>;
  /** Removes the article from every timeline, when it was published at or before `publishedBefore`. */
  removeArticle(articleId: string, publishedBefore: Date): Promise<number>;
  /** Removes the author's articles from one reader's timeline (after an unfollow). */
  removeAuthor(readerId: string, authorId: string): Promise<number>;
  /** Newest first, strictly before `before`, at most `limit`. */
  page(readerId: string, before: FeedPosition | null, limit: number): Promise<FeedEntry[]>;
}

export const TIMELINE_REPOSITORY = Symbol('TimelineRepository');
