import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { OtpSendQuotaExceededError } from '../../../../domain/identity/identity.errors';
import {
  clientQuotaKey,
  numberPrefix,
  OTP_SEND_QUOTAS,
} from '../../../../domain/identity/otp-send-quota';
import { AppConfig } from '../../../../infrastructure/config/app-config';
import { REDIS } from '../../../../infrastructure/redis/redis.token';

const HOUR_MS = 3_600_000;

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

export interface OtpSendReservation {
  release(): Promise<void>;
}

/**
 * SMS pumping defence: hourly quotas on codes sent, per client IP (IPv6 per /64), per number
 * prefix (OTP_SEND_PREFIX_DIGITS) and in all (the global budget), shared by every instance
 * through Redis; fixed one-hour windows from the first send. Without Redis it fails open
 * (API.md: rate limits may), and the send fails anyway: the codes live in Redis.
 */
@Injectable()
export class OtpSendQuota {
  private readonly logger = new Logger(OtpSendQuota.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  async reserve(ip: string | null, phone: string): Promise<OtpSendReservation> {
    const env = this.config.env;
    const keys = [
      `otp-send:ip:${clientQuotaKey(ip)}`,
      `otp-send:prefix:${numberPrefix(phone, env.OTP_SEND_PREFIX_DIGITS)}`,
      'otp-send:global',
    ];
    const result = (await this.redis
      .eval(
        RESERVE,
        3,
        ...keys,
        env.OTP_SEND_MAX_PER_IP_PER_HOUR,
        env.OTP_SEND_MAX_PER_PREFIX_PER_HOUR,
        env.OTP_SEND_MAX_PER_HOUR,
        HOUR_MS,
      )
      .catch(() => null)) as [number, number] | null;
    if (result && result[0] > 0) {
      const quota = OTP_SEND_QUOTAS[result[0] - 1];
      this.logger.warn({ quota, key: keys[result[0] - 1] }, 'OTP send quota used up');
      throw new OtpSendQuotaExceededError(quota, result[1] / 1000);
    }
    return {
      release: async () => {
        if (result) await this.redis.eval(RELEASE, 3, ...keys).catch(() => undefined);
      },
    };
  }
}
