import { createHash } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  EMAIL_VERIFICATION_TOKEN_REPOSITORY,
  EmailVerificationTokenRepository,
} from '@domain/identity/email-verification';
import { EmailVerificationTokenInvalidError } from '@domain/identity/identity.errors';
import { User } from '@domain/identity/user.aggregate';
import { USER_REPOSITORY, UserRepository } from '@domain/identity/user.repository';
import { CLOCK, Clock } from '@domain/shared/clock';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { ConfirmEmailVerificationCommand } from './confirm-email-verification.command';

/**
 * Proves the address: the link must be unused, unexpired and for the user's current email.
 * Marking it used is a conditional update inside the transaction, so of two parallel
 * confirmations exactly one succeeds; the user's other pending links are retired with it.
 */
@CommandHandler(ConfirmEmailVerificationCommand)
export class ConfirmEmailVerificationHandler implements ICommandHandler<
  ConfirmEmailVerificationCommand,
  User
> {
  constructor(
    @Inject(EMAIL_VERIFICATION_TOKEN_REPOSITORY)
    private readonly tokens: EmailVerificationTokenRepository,
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ token }: ConfirmEmailVerificationCommand): Promise<User> {
    const hash = createHash('sha256').update(token, 'utf8').digest();
    return this.uow.run(async () => {
      const now = this.clock.now();
      const link = await this.tokens.findByHash(hash);
      const user = link ? await this.users.findById(link.props.userId) : null;
      if (!link || !user || !link.canVerify(user.email, now))
        throw new EmailVerificationTokenInvalidError();
      if (!(await this.tokens.markUsed(hash, now))) throw new EmailVerificationTokenInvalidError();
      user.confirmEmail(link.props.email, now);
      await this.users.save(user);
      await this.tokens.retireAllFor(user.id, now);
      return user;
    });
  }
}
