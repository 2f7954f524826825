import { Inject, Injectable } from '@nestjs/common';
import type { RedisClient } from '@infra/redis/redis-client';
import {
  EmailVerificationSendCounter,
  EmailVerificationSendReservation,
} from '@domain/identity/email-verification';
import { DependencyUnavailableError } from '@domain/shared/domain-error';
import { hashTag } from '@infra/redis/redis-keys';
import { REDIS } from '@infra/redis/redis.token';

// KEYS: short window marker, hourly counter. ARGV: short window ms, max per hour.
// Both limits are checked and counted in one step, so parallel requests can't slip through.
const RESERVE = `
local wait = redis.call('PTTL', KEYS[1])
if wait > 0 then return {0, wait} end
local n = tonumber(redis.call('GET', KEYS[2]) or '0')
if n >= tonumber(ARGV[2]) then return {0, redis.call('PTTL', KEYS[2])} end
redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
if redis.call('INCR', KEYS[2]) == 1 then redis.call('PEXPIRE', KEYS[2], 3600000) end
return {1, 0}
`;

@Injectable()
export class RedisEmailVerificationSendCounter implements EmailVerificationSendCounter {
  constructor(@Inject(REDIS) private readonly redis: RedisClient) {}

  async reserve(
    userId: string,
    resendSeconds: number,
    maxPerHour: number,
  ): Promise<EmailVerificationSendReservation> {
    const [reserved, waitMs] = (await this.redis
      .eval(RESERVE, 2, ...emailVerificationSendKeys(userId), resendSeconds * 1000, maxPerHour)
      .catch(unavailable)) as [number, number];
    return reserved === 1
      ? { reserved: true }
      : { reserved: false, retryAfterSeconds: Math.ceil(waitMs / 1000) };
  }
}

/** The short window marker and the hourly counter: one script, so one hash tag per user. */
export function emailVerificationSendKeys(userId: string): [last: string, hour: string] {
  return [
    `email-verification:last:${hashTag(userId)}`,
    `email-verification:hour:${hashTag(userId)}`,
  ];
}

function unavailable(): never {
  throw new DependencyUnavailableError('Email verification counters are unavailable');
}
