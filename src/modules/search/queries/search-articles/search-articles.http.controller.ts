import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { Public } from '@infra/http/auth.decorators';
import { SearchArticlesQuery } from './search-articles.query';
import { SearchArticlesRequest } from './search-articles.request';
import { SearchArticlesPageResponse } from './search-articles.response';

@ApiTags('search')
@Controller('v1/search/articles')
export class SearchArticlesHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Public()
  @ApiOperation({
    operationId: 'searchArticles',
    summary:
      'Full-text search of published articles (title and content), best match first; withdrawn articles never appear',
  })
  @ApiOkResponse({
    type: SearchArticlesPageResponse,
    description: 'A page of hits, best match first, each article without content',
  })
  @ApiProblems(400)
  search(@Query() query: SearchArticlesRequest): Promise<SearchArticlesPageResponse> {
    return this.queries.execute(new SearchArticlesQuery(query.q, query.limit, query.cursor));
  }
}
