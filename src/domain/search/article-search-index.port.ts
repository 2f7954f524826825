import { IndexDecision, SearchDocument } from './search-document';

/** Where a relevance-ordered list resumes: the score (exact decimal text) and id of the last hit. */
export interface SearchPosition {
  score: string;
  articleId: string;
}

export interface SearchHit {
  articleId: string;
  /** Relevance, higher is better, as exact decimal text (it is part of the keyset). */
  score: string;
}

/**
 * The search engine behind GET /v1/search/articles. The default adapter is the database's own
 * full-text index (`search_articles`, InnoDB FULLTEXT); an Elasticsearch/OpenSearch adapter
 * implements the same port (docs/search.md). Writes come only from the outbox subscriber and the
 * reindex, and follow `indexDecision`: only a newer version than the one held is written.
 */
export interface ArticleSearchIndex {
  /** Holds `doc` as the article's published state, unless the version held is as new. */
  upsert(doc: SearchDocument): Promise<IndexDecision>;
  /**
   * The article is not published at `version`: it leaves the results, and a tombstone keeps the
   * version so an older publish can't bring it back; unless the version held is as new.
   */
  remove(articleId: string, version: number): Promise<IndexDecision>;
  /**
   * Best match first, ties by article id (newest first): hits after `after`, at most `limit`.
   * `terms` are plain words (searchTermsOf), never engine syntax; none → no hits.
   */
  search(
    terms: readonly string[],
    after: SearchPosition | null,
    limit: number,
  ): Promise<SearchHit[]>;
  /** The ids of the articles the index shows, in id order after `afterId` (reindex's sweep). */
  scanVisible(afterId: string | null, limit: number): Promise<string[]>;
}

export const ARTICLE_SEARCH_INDEX = Symbol('ArticleSearchIndex');
