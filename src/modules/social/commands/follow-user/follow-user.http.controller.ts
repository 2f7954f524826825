import { Controller, Delete, HttpCode, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { ParseIdPipe } from '@infra/http/parse-id.pipe';
import { FollowUserCommand } from './follow-user.command';

@ApiTags('social')
@ApiBearerAuth()
@Controller('v1/users/:id/follow')
export class FollowUserHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Put()
  @HttpCode(204)
  @ApiOperation({
    operationId: 'followUser',
    summary: 'Follow a user (idempotent: following again changes nothing)',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiNoContentResponse({ description: 'You follow the user' })
  @ApiProblems(401, 404, [422, 'CANNOT_FOLLOW_SELF'])
  async follow(
    @CurrentUser() user: Principal,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<void> {
    await this.commands.execute(new FollowUserCommand(user.userId, id, true));
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({
    operationId: 'unfollowUser',
    summary: 'Stop following a user (idempotent: not following is fine)',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiNoContentResponse({ description: 'You do not follow the user' })
  @ApiProblems(401, 404, [422, 'CANNOT_FOLLOW_SELF'])
  async unfollow(
    @CurrentUser() user: Principal,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<void> {
    await this.commands.execute(new FollowUserCommand(user.userId, id, false));
  }
}
