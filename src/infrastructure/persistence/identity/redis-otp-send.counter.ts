import { Inject, Injectable } from '@nestjs/common';
import type { RedisClient } from '@infra/redis/redis-client';
import {
  OTP_SEND_QUOTAS,
  OtpSendCounter,
  OtpSendCounters,
  OtpSendLimits,
  OtpSendReservation,
} from '@domain/identity/otp-send-quota';
import { DependencyUnavailableError } from '@domain/shared/domain-error';
import { hashTag } from '@infra/redis/redis-keys';
import { REDIS } from '@infra/redis/redis.token';

// KEYS: the client's, the prefix's and the global counter. ARGV: their limits, then the window.
// All three are checked before any is counted, in one step: parallel sends can't slip through,
// and a refused send costs no quota.
const RESERVE = `
for i = 1, 3 do
  local n = tonumber(redis.call('GET', KEYS[i]) or '0')
  if n >= tonumber(ARGV[i]) then
    local ttl = redis.call('PTTL', KEYS[i])
    if ttl < 0 then ttl = tonumber(ARGV[4]) end
    return {i, ttl}
  end
end
for i = 1, 3 do
  if redis.call('INCR', KEYS[i]) == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[4]) end
end
return {0, 0}
`;

// Gives a reservation back (the send did not happen).
const RELEASE = `
for i = 1, 3 do
  if tonumber(redis.call('GET', KEYS[i]) or '0') > 0 then redis.call('DECR', KEYS[i]) end
end
return 1
`;

/** One counter per client, per number prefix and in all, in the order of OTP_SEND_QUOTAS. */
@Injectable()
export class RedisOtpSendCounter implements OtpSendCounter {
  constructor(@Inject(REDIS) private readonly redis: RedisClient) {}

  async reserve(
    counters: OtpSendCounters,
    limits: OtpSendLimits,
    windowSeconds: number,
  ): Promise<OtpSendReservation> {
    const keys = otpSendKeys(counters);
    const [used, ttlMs] = (await this.redis
      .eval(RESERVE, 3, ...keys, ...OTP_SEND_QUOTAS.map((q) => limits[q]), windowSeconds * 1000)
      .catch(unavailable)) as [number, number];
    if (used === 0) return { reserved: true };
    return {
      reserved: false,
      quota: OTP_SEND_QUOTAS[used - 1],
      key: keys[used - 1],
      retryAfterSeconds: ttlMs / 1000,
    };
  }

  async release(counters: OtpSendCounters): Promise<void> {
    await this.redis.eval(RELEASE, 3, ...otpSendKeys(counters)).catch(unavailable);
  }
}

/**
 * One script counts all three, and one of them is global: the whole group shares one hash tag
 * (one slot; a send is one small script, far below what one master serves).
 */
export function otpSendKeys({ client, prefix }: OtpSendCounters): string[] {
  const tag = hashTag('otp-send');
  return [`${tag}:ip:${client}`, `${tag}:prefix:${prefix}`, `${tag}:global`];
}

function unavailable(): never {
  throw new DependencyUnavailableError('OTP send counters are unavailable');
}
