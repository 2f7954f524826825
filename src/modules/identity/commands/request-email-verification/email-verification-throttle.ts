import { Inject, Injectable } from '@nestjs/common';
import {
  EMAIL_VERIFICATION_SEND_COUNTER,
  EmailVerificationSendCounter,
} from '@domain/identity/email-verification';
import { EmailVerificationRateLimitedError } from '@domain/identity/identity.errors';
import { DependencyUnavailableError } from '@domain/shared/domain-error';
import { AppConfig } from '@infra/config/app-config';

/**
 * Resent verification emails per user: at most one per EMAIL_VERIFICATION_RESEND_SECONDS and
 * EMAIL_VERIFICATION_MAX_PER_HOUR per hour (from the first one). Without the counters (Redis)
 * it fails open (API.md: rate limits may), the per-IP limit still applies.
 */
@Injectable()
export class EmailVerificationThrottle {
  constructor(
    @Inject(EMAIL_VERIFICATION_SEND_COUNTER) private readonly counter: EmailVerificationSendCounter,
    private readonly config: AppConfig,
  ) {}

  async reserve(userId: string): Promise<void> {
    const { EMAIL_VERIFICATION_RESEND_SECONDS: window, EMAIL_VERIFICATION_MAX_PER_HOUR: max } =
      this.config.env;
    const result = await this.counter.reserve(userId, window, max).catch(failOpen);
    if (result && !result.reserved)
      throw new EmailVerificationRateLimitedError(result.retryAfterSeconds);
  }
}

function failOpen(err: unknown): null {
  if (err instanceof DependencyUnavailableError) return null;
  throw err;
}
