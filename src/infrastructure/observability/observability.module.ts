import { Global, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { LoggingModule } from './logging.module';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';
import { QueueHealthIndicator } from '../queue/queue.health';
import { RedisHealthIndicator } from './redis.health';
import { flushTracing } from './tracing';

/** Exports the spans still buffered when the process stops (nothing while tracing is off). */
@Injectable()
export class TracingShutdown implements OnApplicationShutdown {
  onApplicationShutdown(): Promise<void> {
    return flushTracing();
  }
}

@Global()
@Module({
  imports: [
    LoggingModule,
    TerminusModule.forRoot({ errorLogStyle: 'json', gracefulShutdownTimeoutMs: 0 }),
  ],
  controllers: [HealthController, MetricsController],
  providers: [Metrics, RedisHealthIndicator, QueueHealthIndicator, TracingShutdown],
  exports: [Metrics, RedisHealthIndicator],
})
export class ObservabilityModule {}
