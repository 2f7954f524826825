import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { LoggingModule } from './logging.module';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';
import { QueueHealthIndicator } from '../queue/queue.health';
import { RedisHealthIndicator } from './redis.health';

@Global()
@Module({
  imports: [
    LoggingModule,
    TerminusModule.forRoot({ errorLogStyle: 'json', gracefulShutdownTimeoutMs: 0 }),
  ],
  controllers: [HealthController, MetricsController],
  providers: [Metrics, RedisHealthIndicator, QueueHealthIndicator],
  exports: [Metrics, RedisHealthIndicator],
})
export class ObservabilityModule {}
