import { Article, ArticleStatus, PublishedVersion } from './article.aggregate';

/** A row of the author's list: everything but the content. */
export interface ArticleSummary {
  id: string;
  authorId: string;
  title: string;
  abstract: string;
  status: ArticleStatus;
  hasUnpublishedChanges: boolean;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
}

export interface ListPosition {
  updatedAt: Date;
  id: string;
}

/**
 * The two stores of the content context: the authoring store (drafts, `articles`) and the public
 * store (`published_articles`, the only thing readers ever read). Both join the caller's transaction.
 */
export interface ArticleRepository {
  findById(id: string): Promise<Article | null>;
  /** SELECT ... FOR UPDATE: state transitions of one article are serialized. */
  lockById(id: string): Promise<Article | null>;
  insert(article: Article): Promise<void>;
  update(article: Article): Promise<void>;
  /** Inserts or replaces the public copy. */
  putPublished(version: PublishedVersion): Promise<void>;
  removePublished(id: string): Promise<void>;
  /** Newest edit first; `after` is the keyset position of the previous page's last row. */
  listByAuthor(
    authorId: string,
    after: ListPosition | null,
    limit: number,
  ): Promise<ArticleSummary[]>;
}

export const ARTICLE_REPOSITORY = Symbol('ArticleRepository');
