import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import {
  ArticleStats,
  ArticleStatsPort,
  ViewerFlags,
} from '../../domain/interaction/article-stats';
import {
  REACTION_REPOSITORY,
  ReactionRepository,
} from '../../domain/interaction/reaction.repository';
import { REDIS } from '../../infrastructure/redis/redis.token';

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
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(REACTION_REPOSITORY) private readonly reactions: ReactionRepository,
  ) {}

  async statsOf(articleIds: string[]): Promise<Map<string, ArticleStats>> {
    const out = new Map<string, ArticleStats>();
    if (articleIds.length === 0) return out;
    const cached = await this.redis
      .mget(articleIds.map(key))
      .catch(() => articleIds.map(() => null));
    const missing: string[] = [];
    articleIds.forEach((id, i) => {
      const hit = cached[i];
      if (hit) out.set(id, JSON.parse(hit) as ArticleStats);
      else missing.push(id);
    });
    if (missing.length === 0) return out;
    const loaded = await this.reactions.statsOf(missing);
    const pipeline = this.redis.pipeline();
    for (const [id, stats] of loaded) {
      out.set(id, stats);
      pipeline.set(key(id), JSON.stringify(stats), 'EX', STATS_TTL_SECONDS);
    }
    await pipeline.exec().catch(() => undefined);
    return out;
  }

  flagsOf(userId: string, articleIds: string[]): Promise<Map<string, ViewerFlags>> {
    return this.reactions.flagsOf(userId, articleIds);
  }

  async invalidate(articleIds: string[]): Promise<void> {
    if (articleIds.length === 0) return;
    await this.redis.del(...articleIds.map(key)).catch(() => undefined);
  }
}
