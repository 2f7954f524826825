import { ArticleStats } from './article-stats';
import { ArticleCard } from './published-articles.port';

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
