import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { TooManyLoginAttemptsError } from '../../../domain/identity/identity.errors';
import { loginThrottleName } from '../../../domain/identity/login-name';
import { AppConfig } from '../../../infrastructure/config/app-config';
import { REDIS } from '../../../infrastructure/redis/redis.token';

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

/** Who an attempt is for: the typed login (sign-in), the account it names, or both. */
export interface AttemptSubject {
  /** The login as typed; counted under its folded form (see loginThrottleName). */
  login?: string;
  /** The account the login resolved to, or whose password is being changed. */
  accountId?: string;
}

/**
 * More than LOGIN_MAX_FAILURES failed password checks within the window → 429 RATE_LIMITED,
 * whoever tries (a correct password included). Two counters, both checked and counted:
 * - per account: every sign-in that resolves to the account (by username or email, in any
 *   case) and every password change with a `currentPassword`, so a lock holds however the
 *   login is spelled and a stolen access token can't guess the password either;
 * - per typed login, folded (accents, case, compatibility forms removed): so `tárget2`
 *   counts with `target2`, and names without an account are limited exactly like names with
 *   one (the answers never reveal which exist).
 * Every attempt is counted when it starts and a success clears the counters, so even parallel
 * guesses never get more than LOGIN_MAX_FAILURES tries. Counters live in Redis (the typed
 * login only as a hash); without Redis the check fails open (the per-IP limit and the
 * password hash's cost still apply).
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  async reserveAttempt(subject: AttemptSubject): Promise<void> {
    const { LOGIN_MAX_FAILURES: max, LOGIN_FAILURE_WINDOW_SECONDS: window } = this.config.env;
    const keys = keysOf(subject);
    const result = (await this.redis
      .eval(RESERVE_ATTEMPT, keys.length, ...keys, max, window)
      .catch(() => null)) as [number, number] | null;
    if (result && result[0] === 0)
      throw new TooManyLoginAttemptsError(result[1] > 0 ? result[1] : window);
  }

  async reset(subject: AttemptSubject): Promise<void> {
    await this.redis.del(...keysOf(subject)).catch(() => undefined);
  }
}

function keysOf({ login, accountId }: AttemptSubject): string[] {
  const keys: string[] = [];
  if (login !== undefined) {
    const digest = createHash('sha256').update(loginThrottleName(login)).digest('base64url');
    keys.push(`login-failures:name:${digest}`);
  }
  if (accountId !== undefined) keys.push(`login-failures:account:${accountId}`);
  return keys;
}
