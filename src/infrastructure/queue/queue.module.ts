import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';

/**
 * Bull over the same Redis, under the deployment's key prefix. Queues are registered by the
 * contexts that own them; processors only run where WORKERS_ENABLED is true.
 */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        url: config.env.REDIS_URL,
        prefix: `${config.env.REDIS_PREFIX}bull`,
        defaultJobOptions: {
          attempts: 5,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: 1000,
          removeOnFail: false,
        },
        settings: { stalledInterval: 30_000, maxStalledCount: 1, lockDuration: 60_000 },
      }),
    }),
  ],
  exports: [BullModule],
})
export class QueueModule {}
