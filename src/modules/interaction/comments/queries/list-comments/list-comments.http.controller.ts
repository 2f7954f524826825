import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { OptionalAuth } from '@infra/http/auth.decorators';
import { PageQuery } from '@infra/http/pagination';
import { ParseIdPipe } from '@infra/http/parse-id.pipe';
import { CommentPageResponse } from '../../dto/comment.response';
import { ListCommentsQuery } from './list-comments.query';

@ApiTags('comments')
@ApiBearerAuth()
@Controller('v1/feed/:id/comments')
export class ListCommentsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @OptionalAuth()
  @ApiOperation({
    operationId: 'listComments',
    summary:
      "An article's top-level comments, newest first, each with its first 3 replies (oldest first)",
    description:
      'A deleted comment with replies is listed as {deleted: true, content: ""}; deleted comments ' +
      'without replies are not listed. A token is optional (an invalid one is 401).',
  })
  @ApiOkResponse({ type: CommentPageResponse, description: 'A page of top-level comments' })
  @ApiProblems(400, 401, [
    404,
    'NOT_FOUND: no such published article (never published or withdrawn)',
  ])
  list(
    @Param('id', ParseIdPipe) id: string,
    @Query() page: PageQuery,
  ): Promise<CommentPageResponse> {
    return this.queries.execute(new ListCommentsQuery(id, page.limit, page.cursor));
  }
}
