import { Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { EndSessionCommand } from './end-session.command';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('v1/auth/logout')
export class LogoutHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(204)
  @ApiOperation({
    operationId: 'logout',
    summary: 'End the current session; its tokens stop working at once',
  })
  @ApiNoContentResponse({ description: 'The session ended' })
  @ApiProblems(401, [404, 'NOT_FOUND: the session already ended (e.g. a concurrent logout)'])
  async logout(@CurrentUser() user: Principal): Promise<void> {
    await this.commands.execute(new EndSessionCommand(user.userId, user.sessionId, 'logout'));
  }
}
