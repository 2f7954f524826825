export interface ArticleStats {
  reads: number;
  likes: number;
  collects: number;
  /** Visible comments: live comments and replies (deleted ones are not counted). */
  comments: number;
}

export const ZERO_STATS: ArticleStats = { reads: 0, likes: 0, collects: 0, comments: 0 };

export interface ViewerFlags {
  liked: boolean;
  collected: boolean;
}

/**
 * What other contexts (the public feed) ask the interaction context about articles:
 * counters (cached) and whether a reader liked/collected them.
 */
export interface ArticleStatsPort {
  statsOf(articleIds: string[]): Promise<Map<string, ArticleStats>>;
  flagsOf(userId: string, articleIds: string[]): Promise<Map<string, ViewerFlags>>;
}

export const ARTICLE_STATS = Symbol('ArticleStatsPort');

/** Counts one read of a published article (eventually consistent, see ReadBuffer). */
export interface ReadRecorder {
  record(articleId: string): void;
}

export const READ_RECORDER = Symbol('ReadRecorder');
