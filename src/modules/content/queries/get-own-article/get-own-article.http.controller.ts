import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ArticleSnapshot } from '@domain/content/article.aggregate';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { ParseIdPipe } from '@infra/http/parse-id.pipe';
import { AuthorArticleResponse } from '@modules/content/dto/author-article.response';
import { GetOwnArticleQuery } from './get-own-article.query';

@ApiTags('articles')
@ApiBearerAuth()
@Controller('v1/articles/:id')
export class GetOwnArticleHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    operationId: 'getOwnArticle',
    summary: 'One of your articles, with the current draft',
  })
  @ApiOkResponse({ type: AuthorArticleResponse, description: 'Your article, with its content' })
  @ApiProblems(401, [404, 'NOT_FOUND: missing or not yours'])
  async get(
    @CurrentUser() user: Principal,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<AuthorArticleResponse> {
    const article = await this.queries.execute<GetOwnArticleQuery, ArticleSnapshot>(
      new GetOwnArticleQuery(user.userId, id),
    );
    return AuthorArticleResponse.from(article);
  }
}
