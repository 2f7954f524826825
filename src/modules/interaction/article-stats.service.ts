import { Inject, Injectable } from '@nestjs/common';
import { ArticleStats, ArticleStatsPort, ViewerFlags } from '@domain/interaction/article-stats';
import { REACTION_REPOSITORY, ReactionRepository } from '@domain/interaction/reaction.repository';
import { RedisJsonCache } from '@infra/redis/redis-json-cache';

/**
 * Bounds how stale a cached counter can get when an invalidation races a reader that re-fills
 * the cache with a pre-commit value (read batches invalidate inside their transaction).
 */
const STATS_TTL_SECONDS = 2;

function key(articleId: string): string {
  return `interaction:stats:${articleId}`;
}

/**
 * Counters of articles, cached in Redis (one MGET for many articles) and invalidated
 * explicitly on every change. Redis failures fall back to the database, never to an error.
 */
@Injectable()
export class ArticleStatsService implements ArticleStatsPort {
  constructor(
    private readonly cache: RedisJsonCache,
    @Inject(REACTION_REPOSITORY) private readonly reactions: ReactionRepository,
  ) {}

  async statsOf(articleIds: string[]): Promise<Map<string, ArticleStats>> {
    const out = new Map<string, ArticleStats>();
    if (articleIds.length === 0) return out;
    const cached = await this.cache.getMany<ArticleStats>(articleIds.map(key));
    const missing: string[] = [];
    articleIds.forEach((id, i) => {
      const hit = cached[i];
      if (hit) out.set(id, hit);
      else missing.push(id);
    });
    if (missing.length === 0) return out;
    const loaded = await this.reactions.statsOf(missing);
    for (const [id, stats] of loaded) out.set(id, stats);
    await this.cache.setMany(
      [...loaded].map(([id, stats]) => [key(id), stats] as const),
      STATS_TTL_SECONDS,
    );
    return out;
  }

  flagsOf(userId: string, articleIds: string[]): Promise<Map<string, ViewerFlags>> {
    return this.reactions.flagsOf(userId, articleIds);
  }

  async invalidate(articleIds: string[]): Promise<void> {
    if (articleIds.length === 0) return;
    await this.cache.delete(...articleIds.map(key));
  }
}
