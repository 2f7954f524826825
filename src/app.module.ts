import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { CoreModule } from './core.module';
import { AppConfig } from './infrastructure/config/app-config';
import { PER_IP_THROTTLER, PER_IP_WINDOW_MS, perIpKey } from './infrastructure/http/per-ip-limit';
import { RedisThrottlerStorage } from './infrastructure/http/redis-throttler.storage';
import { isAuthorizedMetricsScrape } from './infrastructure/observability/metrics-token';
import { CONTEXT_MODULES } from './contexts';

/** The HTTP API process (with WORKERS_ENABLED it also runs the worker side). */
@Module({})
export class AppModule {
  /** Built at call time so each app instance (tests start several) reads the current environment. */
  static forRoot(): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(),
        ThrottlerModule.forRootAsync({
          inject: [AppConfig, RedisThrottlerStorage],
          useFactory: (config: AppConfig, storage: RedisThrottlerStorage) => ({
            throttlers: [
              {
                name: PER_IP_THROTTLER,
                ttl: PER_IP_WINDOW_MS,
                limit: config.env.RATE_LIMIT_PER_MINUTE,
              },
            ],
            // One budget per client IP across all routes (the default key is per route).
            generateKey: (_context: unknown, tracker: string, name: string) =>
              perIpKey(name, tracker),
            // The Prometheus scraper, proven by METRICS_TOKEN, is never throttled; anyone else
            // reaching /metrics counts against their IP like any request.
            skipIf: (context) => isAuthorizedMetricsScrape(context, config.env.METRICS_TOKEN),
            storage,
          }),
        }),
        ...CONTEXT_MODULES,
      ],
      // The rate limit runs before authentication so floods never reach bcrypt or the database.
      providers: [{ provide: APP_GUARD, useClass: ThrottlerGuard }],
    };
  }
}
