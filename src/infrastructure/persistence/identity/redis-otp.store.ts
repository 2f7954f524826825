import { Inject, Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import type { RedisClient } from '@infra/redis/redis-client';
import { OtpCheckResult, OtpIssueResult, OtpStore } from '@domain/identity/one-time-code';
import { DependencyUnavailableError } from '@domain/shared/domain-error';
import { AppConfig } from '@infra/config/app-config';
import { hashTag } from '@infra/redis/redis-keys';
import { REDIS } from '@infra/redis/redis.token';

// KEYS: code hash, resend marker. ARGV: code HMAC, ttl ms, resend ms.
// Refuses inside the resend window; else starts a new window and replaces the code (and its
// try counter) in one step.
const ISSUE = `
local wait = redis.call('PTTL', KEYS[2])
if wait > 0 then return {0, wait} end
redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'h', ARGV[1], 'n', 0)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return {1, 0}
`;

// KEYS: code hash, resend marker. ARGV: HMAC of the submitted code, max wrong tries.
// Returns {0} invalid (no code, or wrong: counted), {1} valid (consumed), {2, ms} dead after
// too many wrong tries (ms until a new code may be sent). Check and count are one step, so
// parallel guesses can't get more than max tries between them.
const CHECK = `
local h = redis.call('HGET', KEYS[1], 'h')
if not h then return {0, 0} end
if tonumber(redis.call('HGET', KEYS[1], 'n')) >= tonumber(ARGV[2]) then
  return {2, redis.call('PTTL', KEYS[2])}
end
if h == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return {1, 0}
end
redis.call('HINCRBY', KEYS[1], 'n', 1)
return {0, 0}
`;

/**
 * Pending one-time codes in Redis, stored as HMAC-SHA256(phone:code) under a key derived from
 * the server secret: a Redis dump doesn't reveal codes, and 6 digits can't be brute-forced
 * offline without the secret. Redis is the only copy, so an outage is a 503, not a fallback.
 */
@Injectable()
export class RedisOtpStore implements OtpStore {
  private readonly key: Buffer;

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    config: AppConfig,
  ) {
    this.key = createHmac('sha256', config.jwtSecret).update('atrium:otp-code').digest();
  }

  async issue(
    phone: string,
    code: string,
    ttlSeconds: number,
    resendSeconds: number,
  ): Promise<OtpIssueResult> {
    const [issued, waitMs] = await this.eval(
      ISSUE,
      phone,
      this.hash(phone, code),
      ttlSeconds * 1000,
      resendSeconds * 1000,
    );
    return issued === 1
      ? { issued: true }
      : { issued: false, retryAfterSeconds: Math.ceil(waitMs / 1000) };
  }

  async check(phone: string, code: string, maxAttempts: number): Promise<OtpCheckResult> {
    const [outcome, waitMs] = await this.eval(CHECK, phone, this.hash(phone, code), maxAttempts);
    if (outcome === 1) return { outcome: 'valid' };
    if (outcome === 2)
      return { outcome: 'exceeded', retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    return { outcome: 'invalid' };
  }

  private hash(phone: string, code: string): string {
    return createHmac('sha256', this.key).update(`${phone}:${code}`).digest('hex');
  }

  private async eval(
    script: string,
    phone: string,
    ...args: Array<string | number>
  ): Promise<[number, number]> {
    try {
      return (await this.redis.eval(script, 2, ...otpKeys(phone), ...args)) as [number, number];
    } catch {
      throw new DependencyUnavailableError(
        'One-time codes are unavailable right now, retry shortly',
      );
    }
  }
}

/** The code and its resend marker: one script reads both, so they share the phone's hash tag. */
export function otpKeys(phone: string): [code: string, resend: string] {
  return [`otp:code:${hashTag(phone)}`, `otp:resend:${hashTag(phone)}`];
}
