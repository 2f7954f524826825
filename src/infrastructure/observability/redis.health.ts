import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { RedisClient } from '../redis/redis-client';
import { REDIS } from '../redis/redis.token';
import { pingCheck } from './ping-check';

@Injectable()
export class RedisHealthIndicator {
  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    private readonly health: HealthIndicatorService,
  ) {}

  check(key = 'redis') {
    return pingCheck(this.health, key, () => this.redis.ping());
  }
}
