import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { OptionalAuth } from '@infra/http/auth.decorators';
import { PageQuery } from '@infra/http/pagination';
import { ParseIdPipe } from '@infra/http/parse-id.pipe';
import { ReplyPageResponse } from '../../dto/comment.response';
import { ListRepliesQuery } from './list-replies.query';

@ApiTags('comments')
@ApiBearerAuth()
@Controller('v1/comments/:id/replies')
export class ListRepliesHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @OptionalAuth()
  @ApiOperation({
    operationId: 'listReplies',
    summary: 'The replies to a comment, oldest first',
    description:
      'Works for a deleted comment still listed for its replies; a reply has none (empty list). ' +
      'A token is optional (an invalid one is 401).',
  })
  @ApiOkResponse({ type: ReplyPageResponse, description: 'A page of replies' })
  @ApiProblems(400, 401, [
    404,
    'NOT_FOUND: no such comment (or no longer listed), or its article is not published',
  ])
  list(@Param('id', ParseIdPipe) id: string, @Query() page: PageQuery): Promise<ReplyPageResponse> {
    return this.queries.execute(new ListRepliesQuery(id, page.limit, page.cursor));
  }
}
