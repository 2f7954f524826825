import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { PageQuery } from '@infra/http/pagination';
import { AuthorArticlePageResponse } from '@modules/content/dto/author-article.response';
import { ListOwnArticlesQuery } from './list-own-articles.query';

@ApiTags('articles')
@ApiBearerAuth()
@Controller('v1/articles')
export class ListOwnArticlesHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    operationId: 'listOwnArticles',
    summary: 'Your articles in every state, newest edit first (without content)',
  })
  @ApiOkResponse({
    type: AuthorArticlePageResponse,
    description: 'A page of your articles (without content)',
  })
  @ApiProblems(400, 401)
  list(
    @CurrentUser() user: Principal,
    @Query() page: PageQuery,
  ): Promise<AuthorArticlePageResponse> {
    return this.queries.execute(new ListOwnArticlesQuery(user.userId, page.limit, page.cursor));
  }
}
