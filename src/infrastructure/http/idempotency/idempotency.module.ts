import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { AppConfig } from '@infra/config/app-config';
import { IdempotencyStore } from '@infra/persistence/idempotency/idempotency.store';
import { PeriodicTask } from '@infra/scheduling/periodic-task';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/** Deletes keys past their 24 h retention, every minute, in processes that run workers. */
@Injectable()
class IdempotencyJanitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IdempotencyJanitor.name);
  private task?: PeriodicTask;

  constructor(
    private readonly store: IdempotencyStore,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.env.WORKERS_ENABLED) return;
    this.task = PeriodicTask.start({
      every: 60_000,
      run: () => this.purge(),
      logger: this.logger,
      failure: 'idempotency purge failed',
    });
  }

  async purge(): Promise<void> {
    let removed: number;
    do removed = await this.store.purgeExpired(new Date());
    while (removed === 1000);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task?.stop();
  }
}

@Global()
@Module({
  providers: [IdempotencyStore, IdempotencyInterceptor, IdempotencyJanitor],
  exports: [IdempotencyStore, IdempotencyInterceptor],
})
export class IdempotencyModule {}
