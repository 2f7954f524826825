import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Queue } from 'bull';
import { EVENTS_QUEUE } from './queue-names';
import { withTimeout } from './with-timeout';

/** The queue transport's own connection (Bull keeps separate Redis clients from the cache's). */
@Injectable()
export class QueueHealthIndicator {
  constructor(
    @InjectQueue(EVENTS_QUEUE) private readonly queue: Queue,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key = 'queue') {
    const indicator = this.health.check(key);
    try {
      const started = Date.now();
      await withTimeout(this.queue.client.ping(), 1000, 'queue Redis');
      return indicator.up({ latencyMs: Date.now() - started });
    } catch {
      return indicator.down();
    }
  }
}
