import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../../../infrastructure/config/app-config';
import { REDIS } from '../../../infrastructure/redis/redis.token';
import { RedisLease } from './redis-lease';
import { RankingService } from './ranking.service';

const LOCK_KEY = 'interaction:ranking:lock';
const LEASE_MS = 30_000;
const HEARTBEAT_MS = 10_000;
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
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly ranking: RankingService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.env.WORKERS_ENABLED) return;
    const intervalMs = this.config.env.RANKING_INTERVAL_SECONDS * 1000;
    const first = setTimeout(() => {
      this.tick();
      this.timer = setInterval(() => this.tick(), intervalMs);
      this.timer.unref();
    }, FIRST_RUN_DELAY_MS);
    first.unref();
    this.timer = first;
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.runOnce()
      .then(() => undefined)
      .catch((err: Error) =>
        this.logger.warn(`ranking not recomputed, the last list stays: ${err.message}`),
      )
      .finally(() => (this.running = null));
  }

  /** Returns whether this instance computed. */
  async runOnce(): Promise<boolean> {
    const lease = await RedisLease.acquire(this.redis, LOCK_KEY, LEASE_MS);
    if (!lease) return false;
    // A lost lease (e.g. a long GC pause) only risks one duplicate computation: it is read-only.
    const heartbeat = setInterval(() => void lease.extend(LEASE_MS), HEARTBEAT_MS);
    try {
      const last = await this.ranking.lastGeneratedAt();
      const freshFor = this.config.env.RANKING_INTERVAL_SECONDS * 900; // 90 % of the interval, in ms
      if (last && Date.now() - last.getTime() < freshFor) return false;
      await this.ranking.refresh();
      return true;
    } finally {
      clearInterval(heartbeat);
      await lease.release();
    }
  }
}
