import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@domain/shared/clock';
import { NotFoundError, ValidationError } from '@domain/shared/domain-error';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import {
  InvalidCredentialsError,
  RecentOtpSignInRequiredError,
} from '@domain/identity/identity.errors';
import { PASSWORD_HASHER, PasswordHasher } from '@domain/identity/password-hasher.port';
import { PlainPassword } from '@domain/identity/password-policy.value-object';
import { SESSION_REPOSITORY, SessionRepository } from '@domain/identity/session.repository';
import { USER_REPOSITORY, UserRepository } from '@domain/identity/user.repository';
import { LoginThrottle } from '@modules/identity/auth/login-throttle';
import { SessionValidator } from '@modules/identity/auth/session-validator';
import { ChangePasswordCommand } from './change-password.command';

/** A first password may be set without a current one within this long of a one-time-code sign-in. */
const FIRST_PASSWORD_WINDOW_SECONDS = 600;

/**
 * A wrong `currentPassword` counts as a failed login of the account (LoginThrottle): past the
 * limit → 429 RATE_LIMITED, for sign-ins too.
 * A new password ends every other session: whoever knew the old one is signed out.
 * A password-less account (phone sign-up) proves itself instead by its current session having
 * been started by a one-time code moments ago: a stolen older session can't set a password.
 */
@CommandHandler(ChangePasswordCommand)
export class ChangePasswordHandler implements ICommandHandler<ChangePasswordCommand, void> {
  constructor(
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    @Inject(SESSION_REPOSITORY) private readonly sessions: SessionRepository,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly validator: SessionValidator,
    private readonly throttle: LoginThrottle,
  ) {}

  async execute(command: ChangePasswordCommand): Promise<void> {
    const password = PlainPassword.create(command.newPassword, 'newPassword');
    const user = await this.users.findById(command.userId);
    if (!user) throw new NotFoundError('User');
    if (command.currentPassword === undefined) {
      await this.requireFreshOtpSignIn(user.passwordHash, command.sessionId);
    } else {
      // Counted with the account's failed logins: a stolen access token can't guess either.
      await this.throttle.reserveAttempt({ accountId: user.id });
      if (!(await this.hasher.verify(command.currentPassword, user.passwordHash)))
        throw new InvalidCredentialsError();
      await this.throttle.reset({ accountId: user.id });
    }
    const hash = await this.hasher.hash(password.value);

    const ended = await this.uow.run(async () => {
      const now = this.clock.now();
      const fresh = await this.users.findById(command.userId);
      if (!fresh) throw new NotFoundError('User');
      // A parallel request may have set the first password meanwhile: then the current one is due.
      if (command.currentPassword === undefined && fresh.passwordHash !== null)
        throw currentPasswordRequired();
      fresh.changePasswordHash(hash, now);
      await this.users.save(fresh);
      return this.sessions.endAllExcept(command.userId, command.sessionId, 'password_changed', now);
    });
    await this.validator.markEnded(ended);
  }

  private async requireFreshOtpSignIn(
    passwordHash: string | null,
    sessionId: string,
  ): Promise<void> {
    if (passwordHash !== null) throw currentPasswordRequired();
    const session = await this.sessions.findById(sessionId);
    if (!session || !session.isFreshOtpSignIn(this.clock.now(), FIRST_PASSWORD_WINDOW_SECONDS)) {
      throw new RecentOtpSignInRequiredError(FIRST_PASSWORD_WINDOW_SECONDS / 60);
    }
  }
}

function currentPasswordRequired(): ValidationError {
  return new ValidationError('currentPassword', 'is required');
}
