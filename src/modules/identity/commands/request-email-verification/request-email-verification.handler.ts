import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { emailVerificationRequested } from '@domain/identity/events/email-verification-requested.event';
import { USER_REPOSITORY, UserRepository } from '@domain/identity/user.repository';
import { CLOCK, Clock } from '@domain/shared/clock';
import { OUTBOX, Outbox } from '@domain/shared/domain-event';
import { NotFoundError } from '@domain/shared/domain-error';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { EmailVerificationThrottle } from './email-verification-throttle';
import { RequestEmailVerificationCommand } from './request-email-verification.command';

/**
 * Sends a new verification link (asynchronously, through the outbox). Nothing to verify (the
 * address is already verified, or the account has no email, e.g. a phone sign-up) is a no-op
 * that still answers 202 and doesn't count against the rate limit: the wanted state holds.
 */
@CommandHandler(RequestEmailVerificationCommand)
export class RequestEmailVerificationHandler implements ICommandHandler<
  RequestEmailVerificationCommand,
  void
> {
  constructor(
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    @Inject(OUTBOX) private readonly outbox: Outbox,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly throttle: EmailVerificationThrottle,
  ) {}

  async execute({ userId }: RequestEmailVerificationCommand): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user) throw new NotFoundError('User');
    if (user.email === null || user.emailVerified) return;
    await this.throttle.reserve(user.id);
    await this.uow.run(() =>
      this.outbox.append(emailVerificationRequested(user.id, user.email!, this.clock.now())),
    );
  }
}
