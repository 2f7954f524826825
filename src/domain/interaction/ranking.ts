import { ArticleCard } from '../content/published-articles.port';
import { ArticleStats } from './article-stats';

export const RANKING_SIZE = 100;

export interface RankedArticle {
  card: ArticleCard;
  stats: ArticleStats;
  score: number;
}

/** The top articles at one moment, best first; served as is until the next computation. */
export interface Ranking {
  items: RankedArticle[];
  generatedAt: Date;
}

/**
 * Takes a withdrawn article out of the served ranking at once, without a recomputation: in
 * this process immediately, in the other instances within about a second (through Redis).
 * Never throws: a failure leaves the other instances' lists until their next computation.
 */
export interface RankingEviction {
  articleWithdrawn(articleId: string): Promise<void>;
}

export const RANKING_EVICTION = Symbol('RankingEviction');
