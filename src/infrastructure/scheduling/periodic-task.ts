import { Logger } from '@nestjs/common';

export interface PeriodicTaskOptions {
  /** Pause between the end of one pass and the start of the next, in ms; a function is asked after every pass. */
  every: number | (() => number);
  /** Delay before the first pass, in ms (default: `every`). */
  firstAfter?: number;
  /** One pass. Its error is logged as a warning (`<failure>: <message>`), never thrown. */
  run: () => Promise<unknown>;
  /** The owner's logger, so the warning names the owner. */
  logger: Logger;
  /** What a failed pass means for the reader of the log, e.g. "idempotency purge failed". */
  failure: string;
}

/**
 * The one way to run something periodically in a process (schedulers, sweepers, janitors,
 * flushes, the outbox relay). The next pass is scheduled only when the previous one ended, so
 * passes never overlap however slow one is; the timer is unref'd (it never keeps a process
 * alive); `stop()` cancels the next pass and waits for the running one, for a clean shutdown.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private stopped = false;

  private constructor(private readonly options: PeriodicTaskOptions) {}

  static start(options: PeriodicTaskOptions): PeriodicTask {
    const task = new PeriodicTask(options);
    task.schedule(options.firstAfter ?? task.interval());
    return task;
  }

  /** Cancels the next pass and resolves once the running pass (if any) has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private interval(): number {
    const { every } = this.options;
    return typeof every === 'number' ? every : every();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.pass(), delayMs);
    this.timer.unref();
  }

  private async pass(): Promise<void> {
    const { run, logger, failure } = this.options;
    this.running = Promise.resolve()
      .then(run)
      .then(() => undefined)
      .catch((err: unknown) =>
        logger.warn(`${failure}: ${err instanceof Error ? err.message : String(err)}`),
      );
    await this.running;
    this.running = null;
    this.schedule(this.interval());
  }
}
