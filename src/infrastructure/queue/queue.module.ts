import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppConfig } from '../config/app-config';
import { OutboxRelayStore } from '../persistence/outbox/outbox-relay.store';
import { BullClients, BullClientsModule } from './bull-clients';
import { EventProcessor } from './event-processor';
import { EventSubscriberDiscovery, EventSubscriptionRegistry } from './event-subscriptions';
import { OutboxRelay } from './outbox-relay';
import { QueueMetrics } from './queue-metrics';
import { DEAD_LETTER_QUEUE, EVENTS_QUEUE, SANDBOX_WEBHOOKS_QUEUE } from './queue-names';

/**
 * The async backbone: Bull over the same Redis (or Redis Cluster, see bull-clients.ts) under the
 * deployment's key prefix, the outbox relay, the event processor and its dead-letter queue. Relay and processor only run where
 * WORKERS_ENABLED is true; every process can enqueue and report queue depths.
 */
@Global()
@Module({
  imports: [
    DiscoveryModule,
    BullModule.forRootAsync({
      imports: [BullClientsModule],
      inject: [AppConfig, BullClients],
      useFactory: (config: AppConfig, clients: BullClients) => ({
        ...clients.options(),
        defaultJobOptions: {
          attempts: config.env.QUEUE_ATTEMPTS,
          backoff: { type: 'exponential', delay: config.env.QUEUE_BACKOFF_MS },
          removeOnComplete: 1000,
          removeOnFail: false,
        },
        // Event handlers are short I/O-bound transactions; a job whose lock is not renewed for
        // 60 s (a process blocked or gone) is taken over once, then failed, never run in parallel.
        settings: { stalledInterval: 30_000, maxStalledCount: 1, lockDuration: 60_000 },
      }),
    }),
    BullModule.registerQueue(
      { name: EVENTS_QUEUE },
      { name: DEAD_LETTER_QUEUE },
      { name: SANDBOX_WEBHOOKS_QUEUE },
    ),
  ],
  providers: [
    EventSubscriptionRegistry,
    EventSubscriberDiscovery,
    OutboxRelayStore,
    OutboxRelay,
    EventProcessor,
    QueueMetrics,
  ],
  exports: [BullModule, EventSubscriptionRegistry, OutboxRelay],
})
export class QueueModule {}
