import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { TooManyLoginAttemptsError } from '../../../domain/identity/identity.errors';
import { AppConfig } from '../../../infrastructure/config/app-config';
import { REDIS } from '../../../infrastructure/redis/redis.token';

const RECORD_FAILURE = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return n
`;

/**
 * More than LOGIN_MAX_FAILURES failed logins for one login name within the window → 429 for
 * that login, whoever tries it (a correct password included). Counters live in Redis;
 * without Redis the check fails open (the per-IP limit and bcrypt's cost still apply).
 * Guesses already in flight when the limit is reached still complete, so a burst of N
 * parallel guesses can reach LOGIN_MAX_FAILURES + N - 1; each costs a full bcrypt round.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  async assertAllowed(login: string): Promise<void> {
    const k = key(login);
    const [failures, ttl] = await Promise.all([this.redis.get(k), this.redis.ttl(k)]).catch(() => [null, -1] as const);
    if (failures !== null && Number(failures) >= this.config.env.LOGIN_MAX_FAILURES) {
      throw new TooManyLoginAttemptsError(ttl > 0 ? ttl : this.config.env.LOGIN_FAILURE_WINDOW_SECONDS);
    }
  }

  async recordFailure(login: string): Promise<void> {
    await this.redis.eval(RECORD_FAILURE, 1, key(login), this.config.env.LOGIN_FAILURE_WINDOW_SECONDS).catch(() => undefined);
  }

  async reset(login: string): Promise<void> {
    await this.redis.del(key(login)).catch(() => undefined);
  }
}

function key(login: string): string {
  return `login-failures:${login.trim().toLowerCase()}`;
}
