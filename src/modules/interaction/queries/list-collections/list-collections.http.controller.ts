import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { PageQuery } from '@infra/http/pagination';
import { PublicArticlePageResponse } from '@modules/shared/dto/public-article.response';
import { ListCollectionsQuery } from './list-collections.query';

@ApiTags('feed')
@ApiBearerAuth()
@Controller('v1/users/me/collections')
export class ListCollectionsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    operationId: 'listCollections',
    summary: 'Your collected articles that are published, newest collected first (without content)',
  })
  @ApiOkResponse({
    type: PublicArticlePageResponse,
    description: 'A page of your collected articles',
  })
  @ApiProblems(400, 401)
  list(
    @CurrentUser() user: Principal,
    @Query() page: PageQuery,
  ): Promise<PublicArticlePageResponse> {
    return this.queries.execute(new ListCollectionsQuery(user.userId, page.limit, page.cursor));
  }
}
