import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '../../../../domain/shared/clock';
import { UNIT_OF_WORK, UnitOfWork } from '../../../../domain/shared/unit-of-work';
import { newId } from '../../../../domain/shared/uuid';
import { Email } from '../../../../domain/identity/email.value-object';
import { EmailTakenError, UsernameTakenError } from '../../../../domain/identity/identity.errors';
import { PASSWORD_HASHER, PasswordHasher } from '../../../../domain/identity/password-hasher.port';
import { PlainPassword } from '../../../../domain/identity/password-policy.value-object';
import { User } from '../../../../domain/identity/user.aggregate';
import { USER_REPOSITORY, UserRepository } from '../../../../domain/identity/user.repository';
import { Username } from '../../../../domain/identity/username.value-object';
import { RegisterUserCommand } from './register-user.command';

@CommandHandler(RegisterUserCommand)
export class RegisterUserHandler implements ICommandHandler<RegisterUserCommand, User> {
  constructor(
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
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
    await this.uow.run(() => this.users.save(user));
    return user;
  }
}
