import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { TooManyLoginAttemptsError } from '../../../domain/identity/identity.errors';
import { AppConfig } from '../../../infrastructure/config/app-config';
import { REDIS } from '../../../infrastructure/redis/redis.token';

// Counts the attempt before the password is checked, so parallel guesses can't slip past
// the limit between a check and an increment. A successful login clears the counter.
const COUNT_ATTEMPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('TTL', KEYS[1])}
`;

/**
 * More than LOGIN_MAX_FAILURES failed logins for one login name within the window → 429 for
 * that login, whoever tries it. Counters live in Redis; without Redis the check fails open
 * (the per-IP limit and bcrypt's cost still apply).
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  async countAttempt(login: string): Promise<void> {
    const { LOGIN_MAX_FAILURES: max, LOGIN_FAILURE_WINDOW_SECONDS: window } = this.config.env;
    const result = (await this.redis.eval(COUNT_ATTEMPT, 1, key(login), window).catch(() => null)) as [number, number] | null;
    if (result && result[0] > max) throw new TooManyLoginAttemptsError(result[1] > 0 ? result[1] : window);
  }

  async reset(login: string): Promise<void> {
    await this.redis.del(key(login)).catch(() => undefined);
  }
}

function key(login: string): string {
  return `login-failures:${login.trim().toLowerCase()}`;
}
