import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, OptionalAuth, Principal } from '@infra/http/auth.decorators';
import { ParseIdPipe } from '@infra/http/parse-id.pipe';
import { PublicArticleResponse } from '@modules/shared/dto/public-article.response';
import { GetFeedArticleQuery } from './get-feed-article.query';

@ApiTags('feed')
@ApiBearerAuth()
@Controller('v1/feed/:id')
export class GetFeedArticleHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @OptionalAuth()
  @ApiOperation({
    operationId: 'getArticle',
    summary:
      'A published article; counts one read. A valid token adds liked/collected (an invalid one is 401)',
  })
  @ApiOkResponse({
    type: PublicArticleResponse,
    description: 'The published article, with its content',
  })
  @ApiProblems(401, [404, 'NOT_FOUND: missing, never published or withdrawn'])
  get(
    @CurrentUser() user: Principal | undefined,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<PublicArticleResponse> {
    return this.queries.execute(new GetFeedArticleQuery(id, user?.userId));
  }
}
