import { Body, Controller, Patch } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { User } from '@domain/identity/user.aggregate';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { UserResponse } from '@modules/identity/dto/user.response';
import { UpdateProfileCommand } from './update-profile.command';
import { UpdateProfileRequest } from './update-profile.request';

@ApiTags('users')
@ApiBearerAuth()
@Controller('v1/users/me')
export class UpdateProfileHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Patch()
  @ApiOperation({ operationId: 'updateProfile', summary: 'Update your profile' })
  @ApiOkResponse({ type: UserResponse, description: 'The updated user' })
  @ApiProblems(400, 401, 413, 415)
  async update(
    @CurrentUser() user: Principal,
    @Body() body: UpdateProfileRequest,
  ): Promise<UserResponse> {
    const updated = await this.commands.execute<UpdateProfileCommand, User>(
      new UpdateProfileCommand(user.userId, { ...body }),
    );
    return UserResponse.from(updated);
  }
}
