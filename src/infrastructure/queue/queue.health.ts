import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Queue } from 'bull';
import { pingCheck } from '../observability/ping-check';
import { EVENTS_QUEUE } from './queue-names';
import { withTimeout } from './with-timeout';

/** The queue transport's own connection (Bull keeps separate Redis clients from the cache's). */
@Injectable()
export class QueueHealthIndicator {
  constructor(
    @InjectQueue(EVENTS_QUEUE) private readonly queue: Queue,
    private readonly health: HealthIndicatorService,
  ) {}

  check(key = 'queue') {
    return pingCheck(this.health, key, () =>
      withTimeout(this.queue.client.ping(), 1000, 'queue Redis'),
    );
  }
}
