import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@domain/shared/clock';
import { NotFoundError } from '@domain/shared/domain-error';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { User } from '@domain/identity/user.aggregate';
import { USER_REPOSITORY, UserRepository } from '@domain/identity/user.repository';
import { UpdateProfileCommand } from './update-profile.command';

@CommandHandler(UpdateProfileCommand)
export class UpdateProfileHandler implements ICommandHandler<UpdateProfileCommand, User> {
  constructor(
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ userId, patch }: UpdateProfileCommand): Promise<User> {
    return this.uow.run(async () => {
      const user = await this.users.findById(userId);
      if (!user) throw new NotFoundError('User');
      user.updateProfile(patch, this.clock.now());
      await this.users.save(user);
      return user;
    });
  }
}
