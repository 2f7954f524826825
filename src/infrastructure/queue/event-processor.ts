import { InjectQueue } from '@nestjs/bull';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { AppConfig } from '../config/app-config';
import { Metrics } from '../observability/metrics';
import { contextFrom, flushTracing, inSpan, SpanKind } from '../observability/tracing';
import { OutboxRelayStore } from '../persistence/outbox/outbox-relay.store';
import { EventJobData, fromJobData } from './event-job';
import { EventSubscriptionRegistry } from './event-subscriptions';
import { withCurrentType } from './legacy-event-types';
import { DEAD_LETTER_QUEUE, EVENTS_QUEUE } from './queue-names';

/** What the dead-letter queue keeps of a job that exhausted its attempts. */
export interface DeadLetter {
  queue: string;
  jobId: string;
  subscriber: string;
  event: EventJobData;
  attemptsMade: number;
  error: string;
  failedAt: string;
}

/**
 * Runs event jobs (worker role): each job is one subscriber × one event. The subscriber's
 * effect and its dedupe mark commit in one transaction, so a redelivered event (relay retry,
 * stalled job, manual retry) has no second effect. A job that exhausts its attempts is
 * recorded in the dead-letter queue; it also stays in the events queue's failed list, where
 * an admin can retry it from /admin/queues.
 */
@Injectable()
export class EventProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EventProcessor.name);

  constructor(
    @InjectQueue(EVENTS_QUEUE) private readonly events: Queue,
    @InjectQueue(DEAD_LETTER_QUEUE) private readonly deadLetters: Queue,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    private readonly store: OutboxRelayStore,
    private readonly subscriptions: EventSubscriptionRegistry,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {
    // Without a listener an EventEmitter 'error' (Redis gone) would crash the process.
    for (const queue of [events, deadLetters]) {
      queue.on('error', (err: Error) => this.logger.debug(`queue ${queue.name}: ${err.message}`));
    }
  }

  onApplicationBootstrap(): void {
    if (!this.config.env.WORKERS_ENABLED) return;
    void this.events.process('*', this.config.env.QUEUE_CONCURRENCY, (job: Job<EventJobData>) =>
      this.handle(job),
    );
    this.events.on('failed', (job: Job<EventJobData>, err: Error) => void this.onFailed(job, err));
  }

  async onApplicationShutdown(): Promise<void> {
    // Stop taking jobs and let the running ones finish (SIGTERM drain).
    await Promise.all([
      this.events.close().catch(() => undefined),
      this.deadLetters.close().catch(() => undefined),
    ]);
    // The drained jobs' last spans leave before the process does.
    await flushTracing();
  }

  async handle(job: Job<EventJobData>): Promise<void> {
    const subscriber = this.subscriptions.get(job.name);
    if (!subscriber) throw new Error(`no subscriber named ${job.name} in this process`);
    const event = withCurrentType(fromJobData(job.data));
    const started = process.hrtime.bigint();
    try {
      // A child of the relay's publish span (so of the request that wrote the event): the
      // subscriber's SQL, mail, SMS and ledger spans nest under it.
      const handled = await inSpan(
        `${event.type} process`,
        {
          kind: SpanKind.CONSUMER,
          parent: contextFrom(job.data.trace),
          attributes: {
            'messaging.system': 'bull',
            'messaging.operation.type': 'process',
            'messaging.destination.name': EVENTS_QUEUE,
            'messaging.message.id': event.id,
            'messaging.consumer.group.name': subscriber.name,
            'atrium.event.type': event.type,
            'atrium.job.attempt': job.attemptsMade + 1,
          },
        },
        async (span) => {
          const done = await this.uow.run(async () => {
            if (!(await this.store.markProcessed(subscriber.name, event.id, new Date())))
              return false;
            await subscriber.handler.handle(event);
            return true;
          });
          span?.setAttribute('atrium.event.duplicate', !done);
          return done;
        },
      );
      this.metrics.eventsHandled.inc({
        subscriber: subscriber.name,
        outcome: handled ? 'handled' : 'duplicate',
      });
    } catch (err) {
      this.metrics.eventsHandled.inc({ subscriber: subscriber.name, outcome: 'error' });
      throw err;
    } finally {
      this.metrics.eventHandlerDuration.observe(
        { subscriber: subscriber.name },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    }
  }

  private async onFailed(job: Job<EventJobData>, err: Error): Promise<void> {
    const attempts = job.opts.attempts ?? 1;
    if (job.attemptsMade < attempts) return;
    this.logger.error(
      `event job ${job.id} (${job.name}, ${job.data.type}) dead after ${job.attemptsMade} attempts: ${err.message}`,
    );
    const record: DeadLetter = {
      queue: EVENTS_QUEUE,
      jobId: String(job.id),
      subscriber: job.name,
      event: job.data,
      attemptsMade: job.attemptsMade,
      error: err.message,
      failedAt: new Date().toISOString(),
    };
    try {
      await this.deadLetters.add(job.name, record, {
        jobId: String(job.id),
        removeOnComplete: false,
        removeOnFail: false,
      });
    } catch (dlqErr) {
      // The job is still in the events queue's failed list: nothing is lost, only this record.
      this.logger.warn(
        `dead-letter record for ${job.id} not written: ${(dlqErr as Error).message}`,
      );
    }
  }
}
