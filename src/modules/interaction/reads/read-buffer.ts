import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { ReadRecorder } from '@domain/interaction/article-stats';
import { articleReadsRecorded } from '@domain/interaction/events/article-reads-recorded.event';
import { ReadTally } from '@domain/interaction/read-tally';
import { CLOCK, Clock } from '@domain/shared/clock';
import { OUTBOX, Outbox } from '@domain/shared/domain-event';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { newId } from '@domain/shared/uuid';
import { PeriodicTask } from '@infra/scheduling/periodic-task';

export const READ_FLUSH_INTERVAL_MS = 500;

/**
 * Read counting without a write per read: this process sums reads per article in memory and
 * every READ_FLUSH_INTERVAL_MS writes ONE outbox row with the whole batch
 * (`interaction.article-reads-recorded {counts}`), in its own small transaction. The outbox
 * relay delivers it to ApplyReadsSubscriber, which adds the batch in one SQL statement.
 *
 * Trade-off (documented in docs/content.md): a crash (kill -9) loses the reads of less than one
 * flush interval; a clean shutdown flushes. Reads are eventually consistent (< 5 s).
 */
@Injectable()
export class ReadBuffer
  implements ReadRecorder, OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger(ReadBuffer.name);
  private readonly tally = new ReadTally();
  private task?: PeriodicTask;
  private flushing: Promise<void> | null = null;

  constructor(
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(OUTBOX) private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  record(articleId: string): void {
    this.tally.record(articleId);
  }

  onModuleInit(): void {
    this.task = PeriodicTask.start({
      every: READ_FLUSH_INTERVAL_MS,
      run: () => this.flush(),
      logger: this.logger,
      failure: 'read counts not flushed',
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.task?.stop();
    await this.flush();
  }

  /** Requests that finished during the drain counted reads after the first final flush. */
  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  /** One flush at a time; a failed batch is merged back and retried with the next one. */
  async flush(): Promise<void> {
    if (this.flushing) await this.flushing;
    if (this.tally.size === 0) return;
    const batch = this.tally.take();
    const now = this.clock.now();
    this.flushing = this.uow
      .run(() => this.outbox.append(articleReadsRecorded(newId(now.getTime()), batch, now)))
      .catch((err: Error) => {
        this.logger.warn(
          `read counts not flushed yet (${Object.keys(batch).length} articles): ${err.message}`,
        );
        this.tally.giveBack(batch);
      })
      .finally(() => (this.flushing = null));
    await this.flushing;
  }
}
