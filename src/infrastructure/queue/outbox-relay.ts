import { InjectQueue } from '@nestjs/bull';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { Span } from '@opentelemetry/api';
import type { JobOptions, Queue } from 'bull';
import { DomainEvent } from '@domain/shared/domain-event';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { AppConfig } from '../config/app-config';
import { Metrics } from '../observability/metrics';
import {
  carrierOf,
  contextFrom,
  flushTracing,
  recordError,
  SpanKind,
  startSpan,
} from '../observability/tracing';
import type { OutboxEvent } from '../persistence/outbox/outbox.mapper';
import { OutboxRelayStore } from '../persistence/outbox/outbox-relay.store';
import { PeriodicTask } from '../scheduling/periodic-task';
import { eventJobId, toJobData } from './event-job';
import { EventSubscriptionRegistry } from './event-subscriptions';
import { withCurrentType } from './legacy-event-types';
import { EVENTS_QUEUE } from './queue-names';
import { withTimeout } from './with-timeout';

const PUBLISH_TIMEOUT_MS = 3000;
const MAX_BACKOFF_MS = 5000;
const PURGE_EVERY_MS = 60_000;
const PURGE_BATCH = 1000;

/**
 * The span of one event's publication: a child of the transaction that wrote the row (its
 * stored trace context), so the event's jobs continue that trace. None for a row written
 * outside any trace, for an event nobody subscribes to (no job continues it), or while tracing
 * is off.
 */
function publishSpan(event: OutboxEvent, subscribers: number, now: Date): Span | null {
  if (!event.trace || subscribers === 0) return null;
  return startSpan(`${event.type} publish`, {
    kind: SpanKind.PRODUCER,
    parent: contextFrom(event.trace),
    attributes: {
      'messaging.system': 'bull',
      'messaging.operation.type': 'publish',
      'messaging.destination.name': EVENTS_QUEUE,
      'messaging.message.id': event.id,
      'messaging.batch.message_count': subscribers,
      'atrium.event.type': event.type,
      ...(event.deliverAt
        ? { 'atrium.event.delay_ms': Math.max(0, event.deliverAt.getTime() - now.getTime()) }
        : {}),
    },
  });
}

/**
 * Moves committed outbox rows to the events queue (worker role). One transaction per batch:
 * claim the oldest unpublished rows (FOR UPDATE SKIP LOCKED), add one job per subscriber with
 * a deterministic id, mark the rows published, commit. If Redis fails the transaction rolls
 * back and the rows are claimed again after a backoff; a row is never skipped, and a job that
 * Redis did take before the failure is not duplicated (same job id, and subscribers dedupe).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private task?: PeriodicTask;
  private stopping = false;
  /** Consecutive passes that failed or found Redis not ready; they lengthen the pause. */
  private failures = 0;
  private lastPublished = 0;
  private lastPurge = 0;

  constructor(
    @InjectQueue(EVENTS_QUEUE) private readonly queue: Queue,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    private readonly store: OutboxRelayStore,
    private readonly subscriptions: EventSubscriptionRegistry,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.env.WORKERS_ENABLED) return;
    this.task = PeriodicTask.start({
      every: () => this.pause(),
      firstAfter: 0,
      run: () => this.pass(),
      logger: this.logger,
      failure: 'outbox relay',
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.task?.stop();
    await flushTracing();
  }

  /** Publishes one batch; returns how many rows it published. */
  async relayOnce(): Promise<number> {
    const {
      OUTBOX_BATCH_SIZE: batchSize,
      QUEUE_ATTEMPTS: attempts,
      QUEUE_BACKOFF_MS: backoff,
    } = this.config.env;
    if (!(await this.store.hasUnpublished())) return 0;
    // READ COMMITTED: under REPEATABLE READ the claim's scan also locks the gap after the newest
    // unpublished row, where every business transaction inserts its events, for as long as Redis
    // takes to answer (measured: it halved transfer throughput). The claimed rows stay locked.
    const published = await this.uow.run(
      async () => {
        const events = (await this.store.claimBatch(batchSize)).map(withCurrentType);
        if (events.length === 0) return 0;
        const now = new Date();
        const spans: Span[] = [];
        const jobs = events.flatMap((event) => {
          const subscribers = this.subscriptions.subscribersOf(event.type);
          const span = publishSpan(event, subscribers.length, now);
          if (span) spans.push(span);
          const data = toJobData(event, span && carrierOf(span));
          return subscribers.map((subscriber) => ({
            name: subscriber,
            data,
            opts: this.jobOptions(subscriber, event, now, attempts, backoff),
          }));
        });
        try {
          if (jobs.length > 0)
            await withTimeout(this.queue.addBulk(jobs), PUBLISH_TIMEOUT_MS, 'queue');
        } catch (err) {
          for (const span of spans) recordError(span, err);
          throw err;
        } finally {
          for (const span of spans) span.end();
        }
        const marked = await this.store.markPublished(
          events.map((e) => e.id),
          now,
        );
        if (marked < events.length)
          // Their jobs were added again under the same ids; subscribers dedupe what still runs twice.
          this.logger.warn(`${events.length - marked} claimed outbox rows were already published`);
        return marked;
      },
      { readCommitted: true },
    );
    if (published > 0) this.metrics.outboxPublished.inc(published);
    return published;
  }

  private jobOptions(
    subscriber: string,
    event: DomainEvent,
    now: Date,
    attempts: number,
    backoff: number,
  ): JobOptions {
    return {
      jobId: eventJobId(subscriber, event.id),
      delay: event.deliverAt ? Math.max(0, event.deliverAt.getTime() - now.getTime()) : undefined,
      attempts,
      backoff: { type: 'exponential', delay: backoff },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: false,
    };
  }

  private async pass(): Promise<void> {
    this.lastPublished = 0;
    try {
      // Without Redis there is nothing to publish to: don't hold row locks waiting for it.
      if (this.queue.client.status === 'ready') {
        this.lastPublished = await this.relayOnce();
        this.failures = 0;
      } else {
        this.failures++;
      }
      await this.purgeIfDue();
    } catch (err) {
      this.failures++;
      if (this.failures === 1 || this.failures % 50 === 0) {
        this.logger.warn(`outbox relay: ${(err as Error).message} (will retry)`);
      }
    }
  }

  /** None after a full batch (more are waiting); backs off exponentially while failing. */
  private pause(): number {
    const { OUTBOX_BATCH_SIZE: batchSize, OUTBOX_POLL_INTERVAL_MS: poll } = this.config.env;
    if (this.lastPublished >= batchSize) return 0;
    if (this.failures === 0) return poll;
    return Math.min(MAX_BACKOFF_MS, poll * 2 ** Math.min(this.failures, 10));
  }

  private async purgeIfDue(): Promise<void> {
    if (Date.now() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = Date.now();
    const before = new Date(Date.now() - this.config.env.OUTBOX_RETENTION_HOURS * 3600_000);
    let removed: number;
    do removed = await this.uow.run(() => this.store.purgePublished(before, PURGE_BATCH));
    while (removed === PURGE_BATCH && !this.stopping);
    do removed = await this.uow.run(() => this.store.purgeProcessed(before, PURGE_BATCH));
    while (removed === PURGE_BATCH && !this.stopping);
  }
}
