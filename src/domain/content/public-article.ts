/** A published article as readers see it, without per-reader or counter fields. */
export interface PublicArticleView {
  id: string;
  title: string;
  abstract: string;
  /** Absent in list views. */
  content?: string;
  author: { id: string; username: string; nickname: string | null };
  publishedAt: Date;
}

export interface FeedPosition {
  publishedAt: Date;
  id: string;
}

/** Read side of the public store (joins the authors' public profile). */
export interface PublicArticleReader {
  findPublished(id: string): Promise<PublicArticleView | null>;
  /** Newest published first, without content. */
  listFeed(after: FeedPosition | null, limit: number): Promise<PublicArticleView[]>;
}

export const PUBLIC_ARTICLE_READER = Symbol('PublicArticleReader');
