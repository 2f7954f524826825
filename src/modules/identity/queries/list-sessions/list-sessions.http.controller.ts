import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { ListSessionsQuery } from './list-sessions.query';
import { SessionListResponse } from './session.response';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('v1/auth/sessions')
export class ListSessionsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    operationId: 'listSessions',
    summary: 'Your active sessions, most recently used first',
  })
  @ApiOkResponse({ type: SessionListResponse, description: 'Your active sessions' })
  @ApiProblems(401)
  list(@CurrentUser() user: Principal): Promise<SessionListResponse> {
    return this.queries.execute(new ListSessionsQuery(user.userId, user.sessionId));
  }
}
