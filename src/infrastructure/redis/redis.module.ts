import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { RedisThrottlerStorage } from '../http/redis-throttler.storage';
import { createRedisClient, type RedisClient } from './redis-client';
import { RedisJsonCache } from './redis-json-cache';
import { REDIS } from './redis.token';

/** The shared client (single Redis or Redis Cluster, see redis-client.ts) for cache, locks and counters. */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const client = createRedisClient(config.env, 'cache');
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
  constructor(@Inject(REDIS) private readonly redis: RedisClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
