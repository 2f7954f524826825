import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { RedisClient } from '@infra/redis/redis-client';
import {
  LoginAttemptCounter,
  LoginAttemptCounters,
  LoginAttemptReservation,
} from '@domain/identity/login-attempts.port';
import { DependencyUnavailableError } from '@domain/shared/domain-error';
import { hashTag } from '@infra/redis/redis-keys';
import { REDIS } from '@infra/redis/redis.token';

// Reserves the attempt on every counter before the password is checked, atomically, so
// parallel guesses can't slip between a check and an increment: refuse when any counter is at
// the limit (answering the longest wait among those), else count the attempt on all of them.
const RESERVE_ATTEMPT = `
local wait = -2
for _, k in ipairs(KEYS) do
  if tonumber(redis.call('GET', k) or '0') >= tonumber(ARGV[1]) then
    local ttl = redis.call('TTL', k)
    if ttl > wait then wait = ttl end
    if wait < 0 then wait = 0 end
  end
end
if wait >= 0 then return {0, wait} end
for _, k in ipairs(KEYS) do
  if redis.call('INCR', k) == 1 then redis.call('EXPIRE', k, ARGV[2]) end
end
return {1, 0}
`;

/** Failed-login counters in Redis; the typed login is kept only as a hash. */
@Injectable()
export class RedisLoginAttemptCounter implements LoginAttemptCounter {
  constructor(@Inject(REDIS) private readonly redis: RedisClient) {}

  async reserve(
    counters: LoginAttemptCounters,
    max: number,
    windowSeconds: number,
  ): Promise<LoginAttemptReservation> {
    const keys = loginAttemptKeys(counters);
    const [reserved, wait] = (await this.redis
      .eval(RESERVE_ATTEMPT, keys.length, ...keys, max, windowSeconds)
      .catch(unavailable)) as [number, number];
    return reserved === 1 ? { reserved: true } : { reserved: false, retryAfterSeconds: wait };
  }

  async clear(counters: LoginAttemptCounters): Promise<void> {
    await this.redis.del(...loginAttemptKeys(counters)).catch(unavailable);
  }
}

/**
 * The typed name's counter and the account's are reserved in one script, and a name does not
 * tell its account before the check: every login counter shares one hash tag (one slot; one
 * small script per sign-in attempt).
 */
export function loginAttemptKeys({ foldedLogin, accountId }: LoginAttemptCounters): string[] {
  const tag = hashTag('login-failures');
  const keys: string[] = [];
  if (foldedLogin !== undefined) {
    keys.push(`${tag}:name:${createHash('sha256').update(foldedLogin).digest('base64url')}`);
  }
  if (accountId !== undefined) keys.push(`${tag}:account:${accountId}`);
  return keys;
}

function unavailable(): never {
  throw new DependencyUnavailableError('Login attempt counters are unavailable');
}
