import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { yesterdayUtc } from '@domain/payment/reconciliation';
import { AppConfig } from '@infra/config/app-config';
import { Metrics } from '@infra/observability/metrics';
import type { RedisClient } from '@infra/redis/redis-client';
import { RedisLeases } from '@infra/redis/redis-lease';
import { REDIS } from '@infra/redis/redis.token';
import { PeriodicTask } from '@infra/scheduling/periodic-task';
import { PaymentReconciliationService } from './payment-reconciliation.service';

const LOCK_KEY = 'payment:reconcile:lock';
/** The last run's outcome, shared by the instances: {at, date, mismatches}. */
const LAST_KEY = 'payment:reconcile:last';
const LEASE = { leaseMs: 60_000, heartbeatMs: 20_000 };
const FIRST_RUN_DELAY_MS = 1_000;

interface LastRun {
  at: number;
  date: string;
  mismatches: number;
}

/**
 * The daily reconciliation (only where WORKERS_ENABLED): every
 * PAYMENT_RECONCILE_INTERVAL_SECONDS, yesterday (UTC) is reconciled, each mismatch logged
 * (warn) and the gauge payments_reconciliation_mismatches set. As with the ranking, one instance
 * at a time (Redis lease) and an instance skips its turn when another ran this interval; the
 * outcome is kept in Redis so the skipping instances set their gauge to the same value.
 */
@Injectable()
export class PaymentReconciliationScheduler
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(PaymentReconciliationScheduler.name);
  private task?: PeriodicTask;

  constructor(
    private readonly leases: RedisLeases,
    @Inject(REDIS) private readonly redis: RedisClient,
    private readonly reconciliation: PaymentReconciliationService,
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
  ) {}

  private get intervalMs(): number {
    return this.config.env.PAYMENT_RECONCILE_INTERVAL_SECONDS * 1000;
  }

  onApplicationBootstrap(): void {
    if (!this.config.env.WORKERS_ENABLED) return;
    this.task = PeriodicTask.start({
      every: this.intervalMs,
      firstAfter: FIRST_RUN_DELAY_MS,
      run: () => this.runOnce(),
      logger: this.logger,
      failure: 'payment reconciliation not run, the gauge keeps its last value',
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task?.stop();
  }

  /** Returns whether this instance reconciled (false: another one did this interval). */
  async runOnce(now = new Date()): Promise<boolean> {
    // Read-only: a lost lease only risks a duplicate run.
    const ran = await this.leases.whileHeld(LOCK_KEY, LEASE, async () => {
      const last = await this.lastRun();
      if (last && now.getTime() - last.at < this.intervalMs * 0.9) return false;
      const date = yesterdayUtc(now);
      const result = await this.reconciliation.reconcile(date);
      for (const m of result.mismatches)
        this.logger.warn(
          `payment reconciliation ${date}: ${m.kind} payment=${m.paymentId ?? '-'} providerRef=${m.providerRef ?? '-'} expected=${JSON.stringify(m.expected)} actual=${JSON.stringify(m.actual)}`,
        );
      this.logger.log(
        `payment reconciliation ${date}: ${result.mismatches.length} mismatches (provider ${result.provider.count}, payments ${result.payments.count}, ledger ${result.ledger.count})`,
      );
      const run: LastRun = { at: now.getTime(), date, mismatches: result.mismatches.length };
      await this.redis.set(LAST_KEY, JSON.stringify(run), 'PX', this.intervalMs * 2);
      this.metrics.paymentReconciliationMismatches.set(run.mismatches);
      return true;
    });
    if (!ran) {
      const last = await this.lastRun();
      if (last) this.metrics.paymentReconciliationMismatches.set(last.mismatches);
    }
    return ran ?? false;
  }

  private async lastRun(): Promise<LastRun | null> {
    const text = await this.redis.get(LAST_KEY);
    return text ? (JSON.parse(text) as LastRun) : null;
  }
}
