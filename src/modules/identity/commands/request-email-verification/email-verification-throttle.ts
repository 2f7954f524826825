import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { EmailVerificationRateLimitedError } from '../../../../domain/identity/identity.errors';
import { AppConfig } from '../../../../infrastructure/config/app-config';
import { REDIS } from '../../../../infrastructure/redis/redis.token';

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

/**
 * Resent verification emails per user: at most one per EMAIL_VERIFICATION_RESEND_SECONDS and
 * EMAIL_VERIFICATION_MAX_PER_HOUR per hour (from the first one). Without Redis it fails open
 * (API.md: rate limits may), the per-IP limit still applies.
 */
@Injectable()
export class EmailVerificationThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  async reserve(userId: string): Promise<void> {
    const { EMAIL_VERIFICATION_RESEND_SECONDS: window, EMAIL_VERIFICATION_MAX_PER_HOUR: max } =
      this.config.env;
    const result = (await this.redis
      .eval(
        RESERVE,
        2,
        `email-verification:last:${userId}`,
        `email-verification:hour:${userId}`,
        window * 1000,
        max,
      )
      .catch(() => null)) as [number, number] | null;
    if (result && result[0] === 0)
      throw new EmailVerificationRateLimitedError(Math.ceil(result[1] / 1000));
  }
}
