import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { ChangePasswordCommand } from './change-password.command';
import { ChangePasswordRequest } from './change-password.request';

@ApiTags('users')
@ApiBearerAuth()
@Controller('v1/users/me/password')
export class ChangePasswordHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(204)
  @ApiOperation({
    operationId: 'changePassword',
    summary: 'Change your password; every other session ends',
  })
  @ApiNoContentResponse({ description: 'Password changed' })
  @ApiProblems(
    [
      400,
      'VALIDATION_FAILED: weak new password, unknown fields, or currentPassword missing for an account that has one',
    ],
    [401, 'UNAUTHENTICATED, or INVALID_CREDENTIALS: wrong current password'],
    [
      403,
      'FORBIDDEN: currentPassword omitted (first password) but this session was not started by a one-time code within 10 minutes',
    ],
    413,
    415,
    [
      429,
      'RATE_LIMITED: more than 5 failed password checks for this account (wrong currentPassword or failed logins) in 15 min, or the per-IP limit',
    ],
  )
  async change(@CurrentUser() user: Principal, @Body() body: ChangePasswordRequest): Promise<void> {
    await this.commands.execute(
      new ChangePasswordCommand(
        user.userId,
        user.sessionId,
        body.currentPassword,
        body.newPassword,
      ),
    );
  }
}
