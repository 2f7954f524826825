import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { User } from '@domain/identity/user.aggregate';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { Public } from '@infra/http/auth.decorators';
import { UserResponse } from '@modules/identity/dto/user.response';
import { ConfirmEmailVerificationCommand } from './confirm-email-verification.command';
import { ConfirmEmailVerificationRequest } from './confirm-email-verification.request';

@ApiTags('users')
@Controller('v1/email-verifications/confirm')
export class ConfirmEmailVerificationHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Public()
  @Post()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'confirmEmailVerification',
    summary: 'Confirm an email address with the token from the verification link',
    description: 'Tokens are single-use and expire after 24 h (EMAIL_VERIFICATION_TTL_SECONDS).',
  })
  @ApiOkResponse({ type: UserResponse, description: 'The user, with emailVerified: true' })
  @ApiProblems(
    [
      400,
      'VALIDATION_FAILED: unknown fields, or `token` is invalid, expired, already used, or for an address the account no longer has (field error on `token`)',
    ],
    413,
    415,
    429,
  )
  async confirm(@Body() body: ConfirmEmailVerificationRequest): Promise<UserResponse> {
    const user = await this.commands.execute<ConfirmEmailVerificationCommand, User>(
      new ConfirmEmailVerificationCommand(body.token),
    );
    return UserResponse.from(user);
  }
}
