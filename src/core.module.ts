import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AppConfigModule } from './infrastructure/config/config.module';
import { DatabaseModule } from './infrastructure/database/database.module';
import { ObservabilityModule } from './infrastructure/observability/observability.module';
import { IdempotencyModule } from './infrastructure/http/idempotency/idempotency.module';
import { NotificationModule } from './infrastructure/notification/notification.module';
import { OutboxPersistenceModule } from './infrastructure/persistence/outbox/outbox-persistence.module';
import { QueueModule } from './infrastructure/queue/queue.module';
import { RedisModule } from './infrastructure/redis/redis.module';

/** What both process roles (API and worker) stand on. */
@Module({})
export class CoreModule {
  static forRoot(): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        AppConfigModule.forRoot(),
        ObservabilityModule,
        DatabaseModule,
        RedisModule,
        OutboxPersistenceModule,
        QueueModule,
        CqrsModule.forRoot(),
        IdempotencyModule,
        NotificationModule,
      ],
    };
  }
}
