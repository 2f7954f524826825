import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { Public } from '@infra/http/auth.decorators';
import { TokensResponse } from '@modules/identity/dto/tokens.response';
import { RefreshTokensCommand } from './refresh-tokens.command';
import { RefreshTokensRequest } from './refresh-tokens.request';

@ApiTags('auth')
@Controller('v1/auth/refresh')
export class RefreshTokensHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Public()
  @Post()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'refreshTokens',
    summary: 'Rotate the refresh token; presenting a used one ends the session',
  })
  @ApiOkResponse({
    type: TokensResponse,
    description: 'New tokens for the same session (the refresh token sent is used up)',
  })
  @ApiProblems(400, [401, 'UNAUTHENTICATED: unknown, expired or already used refresh token'], 429)
  refresh(@Body() body: RefreshTokensRequest): Promise<TokensResponse> {
    return this.commands.execute(new RefreshTokensCommand(body.refreshToken));
  }
}
