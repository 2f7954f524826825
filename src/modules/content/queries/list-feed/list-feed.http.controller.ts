import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { Public } from '@infra/http/auth.decorators';
import { PageQuery } from '@infra/http/pagination';
import { PublicArticlePageResponse } from '@modules/shared/dto/public-article.response';
import { ListFeedQuery } from './list-feed.query';

@ApiTags('feed')
@Controller('v1/feed')
export class ListFeedHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Public()
  @ApiOperation({
    operationId: 'listFeed',
    summary:
      'Published articles, newest published first (without content; liked/collected are false)',
  })
  @ApiOkResponse({
    type: PublicArticlePageResponse,
    description: 'A page of published articles (without content)',
  })
  @ApiProblems(400)
  list(@Query() page: PageQuery): Promise<PublicArticlePageResponse> {
    return this.queries.execute(new ListFeedQuery(page.limit, page.cursor));
  }
}
