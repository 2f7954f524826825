import { Inject, Injectable, Logger } from '@nestjs/common';
import { OtpSendQuotaExceededError } from '@domain/identity/identity.errors';
import {
  clientQuotaKey,
  numberPrefix,
  OTP_SEND_COUNTER,
  OtpSendCounter,
} from '@domain/identity/otp-send-quota';
import { DependencyUnavailableError } from '@domain/shared/domain-error';
import { AppConfig } from '@infra/config/app-config';

const WINDOW_SECONDS = 3600;

export interface OtpSendReservation {
  release(): Promise<void>;
}

/**
 * SMS pumping defence: hourly quotas on codes sent, per client IP (IPv6 per /64), per number
 * prefix (OTP_SEND_PREFIX_DIGITS) and in all (the global budget), shared by every instance
 * through the counters (Redis); fixed one-hour windows from the first send. Without the
 * counters it fails open (API.md: rate limits may), and the send fails anyway: the codes live
 * in Redis too.
 */
@Injectable()
export class OtpSendQuota {
  private readonly logger = new Logger(OtpSendQuota.name);

  constructor(
    @Inject(OTP_SEND_COUNTER) private readonly counter: OtpSendCounter,
    private readonly config: AppConfig,
  ) {}

  async reserve(ip: string | null, phone: string): Promise<OtpSendReservation> {
    const env = this.config.env;
    const counters = {
      client: clientQuotaKey(ip),
      prefix: numberPrefix(phone, env.OTP_SEND_PREFIX_DIGITS),
    };
    const limits = {
      ip: env.OTP_SEND_MAX_PER_IP_PER_HOUR,
      prefix: env.OTP_SEND_MAX_PER_PREFIX_PER_HOUR,
      global: env.OTP_SEND_MAX_PER_HOUR,
    };
    const result = await this.counter.reserve(counters, limits, WINDOW_SECONDS).catch(failOpen);
    if (result && !result.reserved) {
      this.logger.warn({ quota: result.quota, key: result.key }, 'OTP send quota used up');
      throw new OtpSendQuotaExceededError(result.quota, result.retryAfterSeconds);
    }
    return {
      release: async () => {
        if (result) await this.counter.release(counters).catch(failOpen);
      },
    };
  }
}

function failOpen(err: unknown): null {
  if (err instanceof DependencyUnavailableError) return null;
  throw err;
}
