import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OtpAttemptsExceededError, OtpInvalidError } from '@domain/identity/identity.errors';
import { OTP_STORE, OtpStore } from '@domain/identity/one-time-code';
import { findOrRegisterByPhone } from '@domain/identity/phone-sign-up';
import { Phone } from '@domain/identity/phone.value-object';
import { USER_REPOSITORY, UserRepository } from '@domain/identity/user.repository';
import { CLOCK, Clock } from '@domain/shared/clock';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { AppConfig } from '@infra/config/app-config';
import { TokensResponse } from '@modules/identity/dto/tokens.response';
import { SessionIssuer } from '@modules/identity/session-issuer';
import { VerifyOtpCommand } from './verify-otp.command';

/**
 * Signs in with the code texted to a phone; the phone's first sign-in creates its user.
 * The code check is one atomic step in the store (at most OTP_MAX_ATTEMPTS wrong tries, even
 * in parallel; the right code works once).
 */
@CommandHandler(VerifyOtpCommand)
export class VerifyOtpHandler implements ICommandHandler<VerifyOtpCommand, TokensResponse> {
  constructor(
    @Inject(OTP_STORE) private readonly codes: OtpStore,
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly sessions: SessionIssuer,
    private readonly config: AppConfig,
  ) {}

  async execute(command: VerifyOtpCommand): Promise<TokensResponse> {
    const phone = Phone.create(command.phone);
    const result = await this.codes.check(
      phone.value,
      command.code,
      this.config.env.OTP_MAX_ATTEMPTS,
    );
    if (result.outcome === 'exceeded') throw new OtpAttemptsExceededError(result.retryAfterSeconds);
    if (result.outcome === 'invalid') throw new OtpInvalidError();
    const user = await findOrRegisterByPhone(phone, {
      users: this.users,
      uow: this.uow,
      clock: this.clock,
    });
    return this.sessions.start(user, command.client, 'otp');
  }
}
