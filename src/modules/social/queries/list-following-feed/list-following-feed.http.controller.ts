import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { PageQuery } from '@infra/http/pagination';
import { PublicArticlePageResponse } from '@modules/shared/dto/public-article.response';
import { ListFollowingFeedQuery } from './list-following-feed.query';

// A static segment: it wins over content's GET /v1/feed/:id.
@ApiTags('feed')
@ApiBearerAuth()
@Controller('v1/feed/following')
export class ListFollowingFeedHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    operationId: 'listFollowingFeed',
    summary:
      'Published articles by the people you follow, newest published first (without content; with your liked/collected)',
  })
  @ApiOkResponse({
    type: PublicArticlePageResponse,
    description:
      'A page of articles (without content). A page may hold fewer than `limit` items when articles were withdrawn meanwhile; follow nextCursor until null.',
  })
  @ApiProblems(400, 401)
  list(
    @CurrentUser() user: Principal,
    @Query() page: PageQuery,
  ): Promise<PublicArticlePageResponse> {
    return this.queries.execute(new ListFollowingFeedQuery(user.userId, page.limit, page.cursor));
  }
}
