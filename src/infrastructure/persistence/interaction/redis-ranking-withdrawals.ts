import { Inject, Injectable } from '@nestjs/common';
import type { RedisClient } from '@infra/redis/redis-client';
import { RankingWithdrawals } from '@domain/interaction/ranking-withdrawals.port';
import { REDIS } from '@infra/redis/redis.token';

/** Sorted set: withdrawn article id → when (ms). */
const WITHDRAWN_KEY = 'interaction:ranking:withdrawn';
/** As long as a stored ranking lives in Redis (RankingService's TTL). */
const WITHDRAWN_KEEP_MS = 86_400_000;

@Injectable()
export class RedisRankingWithdrawals implements RankingWithdrawals {
  constructor(@Inject(REDIS) private readonly redis: RedisClient) {}

  async record(articleId: string, atMs: number): Promise<void> {
    await this.redis
      .multi()
      .zadd(WITHDRAWN_KEY, atMs, articleId)
      .zremrangebyscore(WITHDRAWN_KEY, '-inf', atMs - WITHDRAWN_KEEP_MS)
      .pexpire(WITHDRAWN_KEY, WITHDRAWN_KEEP_MS)
      .exec();
  }

  async since(sinceMs: number): Promise<Array<[string, number]>> {
    const raw = await this.redis
      .zrangebyscore(WITHDRAWN_KEY, sinceMs, '+inf', 'WITHSCORES')
      .catch(() => [] as string[]);
    const entries: Array<[string, number]> = [];
    for (let i = 0; i + 1 < raw.length; i += 2) entries.push([raw[i], Number(raw[i + 1])]);
    return entries;
  }
}
