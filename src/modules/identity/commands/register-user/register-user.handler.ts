import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@domain/shared/clock';
import { OUTBOX, Outbox } from '@domain/shared/domain-event';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { newId } from '@domain/shared/uuid';
import { Email } from '@domain/identity/email.value-object';
import { emailVerificationRequested } from '@domain/identity/events/email-verification-requested.event';
import { EmailTakenError, UsernameTakenError } from '@domain/identity/identity.errors';
import { PASSWORD_HASHER, PasswordHasher } from '@domain/identity/password-hasher.port';
import { PlainPassword } from '@domain/identity/password-policy.value-object';
import { User } from '@domain/identity/user.aggregate';
import { USER_REPOSITORY, UserRepository } from '@domain/identity/user.repository';
import { Username } from '@domain/identity/username.value-object';
import { RegisterUserCommand } from './register-user.command';

@CommandHandler(RegisterUserCommand)
export class RegisterUserHandler implements ICommandHandler<RegisterUserCommand, User> {
  constructor(
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(OUTBOX) private readonly outbox: Outbox,
  ) {}

  async execute(command: RegisterUserCommand): Promise<User> {
    const username = Username.create(command.username);
    const email = Email.create(command.email);
    const password = PlainPassword.create(command.password);
    // Cheap checks first so a taken name doesn't cost a bcrypt hash; the unique keys still
    // decide races (the repository maps them to the same errors).
    if (await this.users.existsByUsername(username.value)) throw new UsernameTakenError();
    if (await this.users.findByEmail(email.value)) throw new EmailTakenError();
    const now = this.clock.now();
    const user = User.register({
      id: newId(now.getTime()),
      username,
      email,
      passwordHash: await this.hasher.hash(password.value),
      fullName: command.fullName,
      now,
    });
    // The verification email is a consequence of the committed registration: its request is
    // an outbox row of the same transaction (sent by SendVerificationEmailSubscriber).
    await this.uow.run(async () => {
      await this.users.save(user);
      await this.outbox.append(emailVerificationRequested(user.id, email.value, now));
    });
    return user;
  }
}
