import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OtpResendTooSoonError } from '@domain/identity/identity.errors';
import {
  newOneTimeCode,
  oneTimeCodeSms,
  OTP_STORE,
  OtpStore,
} from '@domain/identity/one-time-code';
import { Phone } from '@domain/identity/phone.value-object';
import { CLOCK, Clock } from '@domain/shared/clock';
import { AppConfig } from '@infra/config/app-config';
import { SmsDelivery } from '@modules/identity/sms-delivery';
import { OtpSendQuota } from './otp-send-quota';
import { SendOtpCommand } from './send-otp.command';
import { SendOtpResponse } from './send-otp.response';

/**
 * Issues a new code (replacing any earlier one and its try counter) and texts it. The SMS goes
 * out within the request; if no provider can take it now it is deferred and the answer is
 * still 202: the code is valid and will arrive. First the send must fit the hourly quotas (per
 * client IP, per number prefix, global: SMS pumping); a send refused as too soon gives its
 * reservation back.
 */
@CommandHandler(SendOtpCommand)
export class SendOtpHandler implements ICommandHandler<SendOtpCommand, SendOtpResponse> {
  constructor(
    @Inject(OTP_STORE) private readonly codes: OtpStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly sms: SmsDelivery,
    private readonly config: AppConfig,
    private readonly quota: OtpSendQuota,
  ) {}

  async execute(command: SendOtpCommand): Promise<SendOtpResponse> {
    const phone = Phone.create(command.phone);
    const { OTP_TTL_SECONDS: ttl, OTP_RESEND_SECONDS: resend } = this.config.env;
    const reservation = await this.quota.reserve(command.ip, phone.value);
    const code = newOneTimeCode();
    const issued = await this.codes
      .issue(phone.value, code, ttl, resend)
      .catch(async (err: unknown) => {
        await reservation.release();
        throw err;
      });
    if (!issued.issued) {
      await reservation.release();
      throw new OtpResendTooSoonError(issued.retryAfterSeconds);
    }
    const expiresAt = new Date(this.clock.now().getTime() + ttl * 1000);
    await this.sms.sendOrDefer({ to: phone.value, text: oneTimeCodeSms(code, ttl) }, expiresAt);
    return { expiresInSeconds: ttl, resendAfterSeconds: resend };
  }
}
