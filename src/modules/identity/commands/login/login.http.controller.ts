import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { Public } from '@infra/http/auth.decorators';
import { TokensResponse } from '@modules/identity/dto/tokens.response';
import { clientInfo } from '@modules/identity/client-info';
import { LoginCommand } from './login.command';
import { LoginRequest } from './login.request';

@ApiTags('auth')
@Controller('v1/auth/login')
export class LoginHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Public()
  @Post()
  @HttpCode(200)
  @ApiOperation({ operationId: 'login', summary: 'Sign in with username or email and password' })
  @ApiOkResponse({ type: TokensResponse, description: 'Signed in: a new session and its tokens' })
  @ApiProblems(
    400,
    [401, 'INVALID_CREDENTIALS (same answer for unknown users)'],
    [
      429,
      'RATE_LIMITED: more than 5 failures for this account or login name (accents and case folded) in 15 min, or the per-IP limit',
    ],
  )
  login(@Body() body: LoginRequest, @Req() req: FastifyRequest): Promise<TokensResponse> {
    return this.commands.execute(new LoginCommand(body.login, body.password, clientInfo(req)));
  }
}
