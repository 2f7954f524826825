import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { RedisThrottlerStorage } from '../http/redis-throttler.storage';
import { RedisJsonCache } from './redis-json-cache';
import { REDIS } from './redis.token';

/**
 * The shared Redis client for cache, locks and counters. Commands fail fast while Redis is
 * down (no offline queue, short timeouts) so callers can fall back to the database.
 */
export function createRedisClient(config: AppConfig, name: string): Redis {
  return new Redis(config.env.REDIS_URL, {
    keyPrefix: config.env.REDIS_PREFIX,
    connectionName: `atrium-${name}`,
    enableOfflineQueue: false,
    // Commands issued in the same tick share one socket write (one per request, not three).
    enableAutoPipelining: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: 1000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const client = createRedisClient(config, 'cache');
        // Errors surface on the failing command; the connection event would only log noise.
        client.on('error', () => undefined);
        return client;
      },
    },
    RedisThrottlerStorage,
    RedisJsonCache,
  ],
  exports: [REDIS, RedisThrottlerStorage, RedisJsonCache],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
