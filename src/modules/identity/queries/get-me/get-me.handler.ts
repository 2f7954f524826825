import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@domain/shared/domain-error';
import { USER_REPOSITORY, UserRepository } from '@domain/identity/user.repository';
import { UserResponse } from '@modules/identity/dto/user.response';
import { GetMeQuery } from './get-me.query';

@QueryHandler(GetMeQuery)
export class GetMeHandler implements IQueryHandler<GetMeQuery, UserResponse> {
  constructor(@Inject(USER_REPOSITORY) private readonly users: UserRepository) {}

  async execute({ userId }: GetMeQuery): Promise<UserResponse> {
    const user = await this.users.findById(userId);
    if (!user) throw new NotFoundError('User');
    return UserResponse.from(user);
  }
}
