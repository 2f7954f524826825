import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../../../infrastructure/http/api-problems.decorator';
import { CurrentUser, Principal } from '../../../../infrastructure/http/auth.decorators';
import { ChangePasswordCommand } from './change-password.command';
import { ChangePasswordRequest } from './change-password.request';

@ApiTags('users')
@ApiBearerAuth()
@Controller('v1/users/me/password')
export class ChangePasswordHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(204)
  @ApiOperation({ summary: 'Change your password; every other session ends' })
  @ApiNoContentResponse({ description: 'Password changed' })
  @ApiProblems(400, [401, 'UNAUTHENTICATED, or INVALID_CREDENTIALS: wrong current password'], 413, 415)
  async change(@CurrentUser() user: Principal, @Body() body: ChangePasswordRequest): Promise<void> {
    await this.commands.execute(new ChangePasswordCommand(user.userId, user.sessionId, body.currentPassword, body.newPassword));
  }
}
