import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@infra/config/app-config';
import { RedisLeases } from '@infra/redis/redis-lease';
import { PeriodicTask } from '@infra/scheduling/periodic-task';
import { RankingService } from './ranking.service';

const LOCK_KEY = 'interaction:ranking:lock';
const LEASE = { leaseMs: 30_000, heartbeatMs: 10_000 };
/** Give the process a moment to finish booting before the first computation. */
const FIRST_RUN_DELAY_MS = 1_000;

/**
 * Recomputes the ranking every RANKING_INTERVAL_SECONDS, only where WORKERS_ENABLED. Exactly one
 * instance computes at a time (Redis lease, extended while the computation runs), and an
 * instance skips its turn when another already published a fresh list this interval, so N
 * instances still compute about once per interval.
 */
@Injectable()
export class RankingScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RankingScheduler.name);
  private task?: PeriodicTask;

  constructor(
    private readonly leases: RedisLeases,
    private readonly ranking: RankingService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.env.WORKERS_ENABLED) return;
    this.task = PeriodicTask.start({
      every: this.config.env.RANKING_INTERVAL_SECONDS * 1000,
      firstAfter: FIRST_RUN_DELAY_MS,
      run: () => this.runOnce(),
      logger: this.logger,
      failure: 'ranking not recomputed, the last list stays',
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task?.stop();
  }

  /** Returns whether this instance computed. */
  async runOnce(): Promise<boolean> {
    // A lost lease (e.g. a long GC pause) only risks one duplicate computation: it is read-only.
    const computed = await this.leases.whileHeld(LOCK_KEY, LEASE, async () => {
      const last = await this.ranking.lastGeneratedAt();
      const freshFor = this.config.env.RANKING_INTERVAL_SECONDS * 900; // 90 % of the interval, in ms
      if (last && Date.now() - last.getTime() < freshFor) return false;
      await this.ranking.refresh();
      return true;
    });
    return computed ?? false;
  }
}
