import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { TooManyLoginAttemptsError } from '../../../domain/identity/identity.errors';
import { AppConfig } from '../../../infrastructure/config/app-config';
import { REDIS } from '../../../infrastructure/redis/redis.token';

// Reserves the attempt before the password is checked, atomically, so parallel guesses can't
// slip between a check and an increment: refuse at the limit, else count the attempt.
const RESERVE_ATTEMPT = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n >= tonumber(ARGV[1]) then return {0, redis.call('TTL', KEYS[1])} end
n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return {1, n}
`;

/**
 * More than LOGIN_MAX_FAILURES failed logins for one login name within the window → 429 for
 * that login, whoever tries it (a correct password included). Every attempt is counted when
 * it starts and a successful login clears the count, so even parallel guesses never get more
 * than LOGIN_MAX_FAILURES tries. Counters live in Redis; without Redis the check fails open
 * (the per-IP limit and bcrypt's cost still apply).
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  async reserveAttempt(login: string): Promise<void> {
    const { LOGIN_MAX_FAILURES: max, LOGIN_FAILURE_WINDOW_SECONDS: window } = this.config.env;
    const result = (await this.redis.eval(RESERVE_ATTEMPT, 1, key(login), max, window).catch(() => null)) as [number, number] | null;
    if (result && result[0] === 0) throw new TooManyLoginAttemptsError(result[1] > 0 ? result[1] : window);
  }

  async reset(login: string): Promise<void> {
    await this.redis.del(key(login)).catch(() => undefined);
  }
}

function key(login: string): string {
  return `login-failures:${login.trim().toLowerCase()}`;
}
