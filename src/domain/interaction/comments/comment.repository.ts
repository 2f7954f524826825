import { CommentRemoval, StoredComment } from './comment';

/**
 * Comments and their counters: the row changes, the parent's replyCount and the article's
 * visible-comment counter (article_stats.comments) move together in the caller's transaction,
 * by atomic increments, so the counters equal the rows under any concurrency.
 */
export interface CommentRepository {
  /** Stores a new live comment, +1 on the article's counter and, for a reply, on its parent. */
  add(comment: StoredComment): Promise<void>;
  /** The comment, its row locked until the caller's transaction ends (null: not stored). */
  lock(id: string): Promise<StoredComment | null>;
  find(id: string): Promise<StoredComment | null>;
  /** Applies a removal planned by `planRemoval` (a placeholder is marked deleted at `now`), −1 on the article's counter. */
  remove(articleId: string, removal: CommentRemoval, now: Date): Promise<void>;
  /** Top-level comments of an article, newest first: the next `limit` before `beforeId` (null: from the newest). */
  topLevel(articleId: string, beforeId: string | null, limit: number): Promise<StoredComment[]>;
  /** Replies to one comment, oldest first: the next `limit` after `afterId` (null: from the oldest). */
  replies(
    articleId: string,
    parentId: string,
    afterId: string | null,
    limit: number,
  ): Promise<StoredComment[]>;
  /** The first `perParent` replies (oldest first) of each of `parentIds`, in one round trip. */
  firstReplies(
    articleId: string,
    parentIds: readonly string[],
    perParent: number,
  ): Promise<Map<string, StoredComment[]>>;
}

export const COMMENT_REPOSITORY = Symbol('CommentRepository');
