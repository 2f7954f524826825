import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '../../../../domain/shared/clock';
import { NotFoundError } from '../../../../domain/shared/domain-error';
import { UNIT_OF_WORK, UnitOfWork } from '../../../../domain/shared/unit-of-work';
import { InvalidCredentialsError } from '../../../../domain/identity/identity.errors';
import { PASSWORD_HASHER, PasswordHasher } from '../../../../domain/identity/password-hasher.port';
import { PlainPassword } from '../../../../domain/identity/password-policy.value-object';
import { SESSION_REPOSITORY, SessionRepository } from '../../../../domain/identity/session.repository';
import { USER_REPOSITORY, UserRepository } from '../../../../domain/identity/user.repository';
import { SessionValidator } from '../../auth/session-validator';
import { ChangePasswordCommand } from './change-password.command';

/** A new password ends every other session: whoever knew the old one is signed out. */
@CommandHandler(ChangePasswordCommand)
export class ChangePasswordHandler implements ICommandHandler<ChangePasswordCommand, void> {
  constructor(
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    @Inject(SESSION_REPOSITORY) private readonly sessions: SessionRepository,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly validator: SessionValidator,
  ) {}

  async execute(command: ChangePasswordCommand): Promise<void> {
    const password = PlainPassword.create(command.newPassword, 'newPassword');
    const user = await this.users.findById(command.userId);
    if (!user) throw new NotFoundError('User');
    if (!(await this.hasher.verify(command.currentPassword, user.passwordHash))) throw new InvalidCredentialsError();
    const hash = await this.hasher.hash(password.value);

    const ended = await this.uow.run(async () => {
      const now = this.clock.now();
      const fresh = await this.users.findById(command.userId);
      if (!fresh) throw new NotFoundError('User');
      fresh.changePasswordHash(hash, now);
      await this.users.save(fresh);
      return this.sessions.endAllExcept(command.userId, command.sessionId, 'password_changed', now);
    });
    await this.validator.markEnded(ended);
  }
}
