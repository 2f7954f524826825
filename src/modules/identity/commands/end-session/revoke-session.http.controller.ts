import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { ParseIdPipe } from '@infra/http/parse-id.pipe';
import { EndSessionCommand } from './end-session.command';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('v1/auth/sessions')
export class RevokeSessionHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'revokeSession',
    summary: 'End one of your sessions (e.g. a lost device)',
  })
  @ApiNoContentResponse({ description: 'The session ended' })
  @ApiProblems(401, [404, 'NOT_FOUND: no such active session of yours'])
  async revoke(
    @CurrentUser() user: Principal,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<void> {
    await this.commands.execute(new EndSessionCommand(user.userId, id, 'revoked'));
  }
}
