import { Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { RequestEmailVerificationCommand } from './request-email-verification.command';

@ApiTags('users')
@ApiBearerAuth()
@Controller('v1/users/me/email-verification')
export class RequestEmailVerificationHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    operationId: 'requestEmailVerification',
    summary: 'Send a new verification email',
    description:
      'At most one per 60 s and 5 per hour per user (429 RATE_LIMITED with Retry-After). Earlier links keep ' +
      'working until they expire. If the address is already verified, or the account has no email, nothing ' +
      'is sent and the answer is still 202 (no rate limit counted).',
  })
  @ApiAcceptedResponse({
    description: 'A verification email is on its way (or there is nothing to verify)',
  })
  @ApiProblems(401, [
    429,
    'RATE_LIMITED: a verification email was sent less than 60 s ago, or 5 in the last hour; see Retry-After',
  ])
  async request(@CurrentUser() user: Principal): Promise<void> {
    await this.commands.execute(new RequestEmailVerificationCommand(user.userId));
  }
}
