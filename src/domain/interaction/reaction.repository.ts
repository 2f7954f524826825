import { ArticleStats, ViewerFlags } from './article-stats';

export type Reaction = 'like' | 'collect';

/** One of a user's collections: its UUIDv7 id orders them (newest collected first). */
export interface Collection {
  collectionId: string;
  articleId: string;
}

/**
 * Likes and collections: one row per (user, article) under a unique key, and the article's
 * counter changed in the same transaction only when that row was actually added or removed,
 * so repeats are no-ops and parallel requests are counted exactly.
 */
export interface ReactionRepository {
  /** Returns whether the row was added (false: it already existed). */
  add(reaction: Reaction, userId: string, articleId: string, now: Date): Promise<boolean>;
  /** Returns whether a row was removed. */
  remove(reaction: Reaction, userId: string, articleId: string): Promise<boolean>;
  /** Adds read counts of many articles in one statement. */
  addReads(counts: Record<string, number>): Promise<void>;
  statsOf(articleIds: string[]): Promise<Map<string, ArticleStats>>;
  flagsOf(userId: string, articleIds: string[]): Promise<Map<string, ViewerFlags>>;
  /** A user's collections, newest first, the next `limit` before `beforeCollectionId` (null: from the newest). */
  collectedBy(
    userId: string,
    beforeCollectionId: string | null,
    limit: number,
  ): Promise<Collection[]>;
}

export const REACTION_REPOSITORY = Symbol('ReactionRepository');
