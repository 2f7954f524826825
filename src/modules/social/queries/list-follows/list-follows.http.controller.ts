import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { Public } from '@infra/http/auth.decorators';
import { PageQuery } from '@infra/http/pagination';
import { ParseIdPipe } from '@infra/http/parse-id.pipe';
import { FollowEntryPageResponse } from '../../dto/follow-entry.response';
import { ListFollowsQuery } from './list-follows.query';

@ApiTags('social')
@Controller('v1/users/:id')
export class ListFollowsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('followers')
  @Public()
  @ApiOperation({
    operationId: 'listFollowers',
    summary: 'Who follows the user, newest follow first',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: FollowEntryPageResponse, description: 'A page of followers' })
  @ApiProblems(400, 404)
  followers(
    @Param('id', ParseIdPipe) id: string,
    @Query() page: PageQuery,
  ): Promise<FollowEntryPageResponse> {
    return this.queries.execute(new ListFollowsQuery(id, 'followers', page.limit, page.cursor));
  }

  @Get('following')
  @Public()
  @ApiOperation({
    operationId: 'listFollowing',
    summary: 'Whom the user follows, newest follow first',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: FollowEntryPageResponse, description: 'A page of followed users' })
  @ApiProblems(400, 404)
  following(
    @Param('id', ParseIdPipe) id: string,
    @Query() page: PageQuery,
  ): Promise<FollowEntryPageResponse> {
    return this.queries.execute(new ListFollowsQuery(id, 'following', page.limit, page.cursor));
  }
}
