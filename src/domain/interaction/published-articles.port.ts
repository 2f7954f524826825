/** The interaction context's view of the content context's public store. */
export interface PublishedArticleRef {
  id: string;
  authorId: string;
}

export interface ArticleCard {
  id: string;
  title: string;
  abstract: string;
  author: { id: string; username: string; nickname: string | null };
  publishedAt: Date;
}

export interface RankingCandidate {
  id: string;
  publishedAt: Date;
  likes: number;
}

export interface PublishedArticles {
  /** LOCK IN SHARE MODE: a withdraw can't commit between this check and the caller's write. */
  findPublishedForShare(id: string): Promise<PublishedArticleRef | null>;
  /** Cards of published articles (withdrawn ones are simply missing from the map). */
  cards(ids: string[]): Promise<Map<string, ArticleCard>>;
  /** Keyset scan of all published articles by id with their like counts, `limit` rows at a time. */
  scanForRanking(afterId: string | null, limit: number): Promise<RankingCandidate[]>;
  /** The collections of a user that are currently published, newest collected first (keyset on the collection id). */
  listCollected(
    userId: string,
    beforeCollectionId: string | null,
    limit: number,
  ): Promise<Array<{ collectionId: string; card: ArticleCard }>>;
}

export const PUBLISHED_ARTICLES = Symbol('PublishedArticles');
