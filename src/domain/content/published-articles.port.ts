import { PublicArticleView } from './public-article';

/** A published article as another context lists it: the public view without the content. */
export type ArticleCard = Omit<PublicArticleView, 'content'>;

export interface PublishedArticleRef {
  id: string;
  authorId: string;
}

/** A position in the scan of the public store: all the ranking needs to score an article. */
export interface PublishedEntry {
  id: string;
  publishedAt: Date;
}

/** A published article's position in its author's list. */
export interface AuthoredEntry extends PublishedEntry {
  authorId: string;
}

/**
 * An article's public state as an external index (search) copies it, read in one statement
 * with the version it belongs to.
 */
export interface ArticleIndexSource {
  id: string;
  /**
   * The article's `updatedAt` in ms: strictly increasing with every change of the article, so
   * of two reads the one with the higher version is the newer state.
   */
  version: number;
  /** The published version; null while the article is not published (withdrawn, or a draft). */
  published: { authorId: string; title: string; content: string; publishedAt: Date } | null;
}

/**
 * The content context's public store as the other contexts may see it (interaction: likes,
 * collections, rewards and the ranking). Content binds it in its persistence and exports it
 * through PublishedArticlesModule; nobody else reads `published_articles`. Search copies
 * published versions into its index through `indexSources`.
 */
export interface PublishedArticles {
  /**
   * The published article, kept published until the caller's transaction ends: its public row
   * is locked exclusively and written (so the hold also holds across Galera nodes), and a
   * withdrawal deletes that row, so the withdrawal waits for the caller's commit (or, on
   * another Galera node, one of the two fails certification and runs again) and a like,
   * collection or reward can't land on an article withdrawn in between. Holders of one article
   * run one after the other. Null: not published.
   */
  holdPublished(id: string): Promise<PublishedArticleRef | null>;
  /** Cards of the published articles among `ids` (withdrawn ones are missing from the map). */
  cards(ids: readonly string[]): Promise<Map<string, ArticleCard>>;
  /** Keyset scan of all published articles by id: the next `limit` after `afterId` (null: from the start). */
  scanPublished(afterId: string | null, limit: number): Promise<PublishedEntry[]>;
  /** How many articles `authorId` has published (visible now). */
  countByAuthor(authorId: string): Promise<number>;
  /**
   * For each of `authorIds`, its newest `limitPerAuthor` published articles strictly before
   * `before` (published_at, id), newest first per author (one index range per author).
   */
  latestByAuthors(
    authorIds: readonly string[],
    before: { publishedAt: Date; id: string } | null,
    limitPerAuthor: number,
  ): Promise<AuthoredEntry[]>;
  /** The current public state of each of `ids` that exists (search indexing, reindex). */
  indexSources(ids: readonly string[]): Promise<Map<string, ArticleIndexSource>>;
}

export const PUBLISHED_ARTICLES = Symbol('PublishedArticles');
