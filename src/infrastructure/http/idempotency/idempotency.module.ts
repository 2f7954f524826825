import { Global, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyStore } from '../../persistence/idempotency/idempotency.store';

/** Deletes keys past their 24 h retention, every minute, in processes that run workers. */
@Injectable()
class IdempotencyJanitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IdempotencyJanitor.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly store: IdempotencyStore,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.env.WORKERS_ENABLED) return;
    this.timer = setInterval(() => void this.purge(), 60_000);
    this.timer.unref();
  }

  async purge(): Promise<void> {
    try {
      let removed: number;
      do removed = await this.store.purgeExpired(new Date());
      while (removed === 1000);
    } catch (err) {
      this.logger.warn(`idempotency purge failed: ${(err as Error).message}`);
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

@Global()
@Module({
  providers: [IdempotencyStore, IdempotencyInterceptor, IdempotencyJanitor],
  exports: [IdempotencyStore, IdempotencyInterceptor],
})
export class IdempotencyModule {}
