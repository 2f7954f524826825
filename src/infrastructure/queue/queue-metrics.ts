import { getQueueToken } from '@nestjs/bull';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bull';
import { Gauge } from 'prom-client';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { Metrics } from '../observability/metrics';
import { OutboxRelayStore } from '../persistence/outbox/outbox-relay.store';
import { ALL_QUEUES } from './queue-names';
import { withTimeout } from './with-timeout';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'paused'] as const;
const SCRAPE_TIMEOUT_MS = 1000;

/**
 * Queue depths and the outbox backlog, read when /metrics is scraped. A dependency that does
 * not answer leaves its series out of that scrape rather than failing it.
 */
@Injectable()
export class QueueMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly moduleRef: ModuleRef,
    private readonly store: OutboxRelayStore,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
  ) {}

  onModuleInit(): void {
    const queues = ALL_QUEUES.map((name) =>
      this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }),
    );
    new Gauge({
      name: 'queue_jobs',
      help: 'Jobs per queue and state (the dead-letter queue holds exhausted jobs as waiting)',
      labelNames: ['queue', 'state'] as const,
      registers: [this.metrics.registry],
      async collect() {
        this.reset();
        await Promise.all(
          queues.map(async (queue) => {
            if (queue.client.status !== 'ready') return;
            const counts = (await withTimeout(queue.getJobCounts(), SCRAPE_TIMEOUT_MS).catch(
              () => null,
            )) as Record<string, number> | null;
            if (!counts) return;
            for (const state of STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
          }),
        );
      },
    });
    const store = this.store;
    const uow = this.uow;
    new Gauge({
      name: 'outbox_unpublished_rows',
      help: 'Committed domain events not yet handed to a queue',
      registers: [this.metrics.registry],
      async collect() {
        this.reset();
        const n = await withTimeout(
          uow.run(() => store.unpublishedCount()),
          SCRAPE_TIMEOUT_MS,
        ).catch(() => null);
        if (n !== null) this.set(n);
      },
    });
  }
}
