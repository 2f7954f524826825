import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { Public } from '@infra/http/auth.decorators';
import { clientInfo } from '@modules/identity/client-info';
import { SendOtpCommand } from './send-otp.command';
import { SendOtpRequest } from './send-otp.request';
import { SendOtpResponse } from './send-otp.response';

@ApiTags('auth')
@Controller('v1/auth/otp/send')
export class SendOtpHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Public()
  @Post()
  @HttpCode(202)
  @ApiOperation({
    operationId: 'sendOtp',
    summary: 'Text a 6-digit sign-in code to a phone',
    description:
      'A new code replaces the previous one. The SMS is sent at once through the provider chain; if no provider ' +
      'is available it is queued and retried, and the answer is still 202. Codes live only in Redis: without ' +
      'Redis this answers 503 DEPENDENCY_UNAVAILABLE. Against SMS pumping, codes sent are limited per hour per ' +
      'client IP (OTP_SEND_MAX_PER_IP_PER_HOUR, default 20), per number prefix (OTP_SEND_MAX_PER_PREFIX_PER_HOUR, ' +
      'default 100, prefix = the first OTP_SEND_PREFIX_DIGITS digits) and in all (OTP_SEND_MAX_PER_HOUR, default 1000): ' +
      '429 RATE_LIMITED with Retry-After (seconds until that hour ends).',
  })
  @ApiAcceptedResponse({ type: SendOtpResponse, description: 'A code is on its way by SMS' })
  @ApiProblems(
    [400, 'VALIDATION_FAILED: phone is not E.164, unknown fields'],
    413,
    415,
    [
      429,
      'OTP_RESEND_TOO_SOON: a code was sent to this number less than 60 s ago (see Retry-After); or RATE_LIMITED: ' +
        'the per-IP request limit, or an hourly quota of codes (per IP, per number prefix, global) is used up',
    ],
    [503, 'DEPENDENCY_UNAVAILABLE: Redis (the code store) is unreachable'],
  )
  send(@Body() body: SendOtpRequest, @Req() req: FastifyRequest): Promise<SendOtpResponse> {
    return this.commands.execute(new SendOtpCommand(body.phone, clientInfo(req).ip));
  }
}
