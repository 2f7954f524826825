import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { Public } from '@infra/http/auth.decorators';
import { clientInfo } from '@modules/identity/client-info';
import { TokensResponse } from '@modules/identity/dto/tokens.response';
import { VerifyOtpCommand } from './verify-otp.command';
import { VerifyOtpRequest } from './verify-otp.request';

@ApiTags('auth')
@Controller('v1/auth/otp/verify')
export class VerifyOtpHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Public()
  @Post()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'verifyOtp',
    summary: 'Sign in with a texted code (the first sign-in of a phone creates its user)',
    description:
      'A new user gets username `p<digits of the phone>` (a random suffix if taken), no email and no password. ' +
      'Within 10 minutes of this sign-in such a user may set a first password without `currentPassword`.',
  })
  @ApiOkResponse({
    type: TokensResponse,
    description:
      'Signed in: a new session and its tokens (the first sign-in of a number creates its user)',
  })
  @ApiProblems(
    [400, 'VALIDATION_FAILED: phone not E.164, code not 6 digits, unknown fields'],
    [401, 'OTP_INVALID: wrong, expired or already used code'],
    413,
    415,
    [
      429,
      'OTP_ATTEMPTS_EXCEEDED: 3 wrong tries, the code is dead until a new one is sent (see Retry-After); or RATE_LIMITED per IP',
    ],
    [503, 'DEPENDENCY_UNAVAILABLE: Redis (the code store) or the database is unreachable'],
  )
  verify(@Body() body: VerifyOtpRequest, @Req() req: FastifyRequest): Promise<TokensResponse> {
    return this.commands.execute(new VerifyOtpCommand(body.phone, body.code, clientInfo(req)));
  }
}
