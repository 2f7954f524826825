import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ArticleSnapshot } from '@domain/content/article.aggregate';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { ParseIdPipe } from '@infra/http/parse-id.pipe';
import { AuthorArticleResponse } from '@modules/content/dto/author-article.response';
import { WithdrawArticleCommand } from './withdraw-article.command';

@ApiTags('articles')
@ApiBearerAuth()
@Controller('v1/articles/:id/withdraw')
export class WithdrawArticleHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'withdrawArticle',
    summary: 'Hide a published article from readers (idempotent); publish again to bring it back',
  })
  @ApiOkResponse({ type: AuthorArticleResponse, description: 'The article, withdrawn' })
  @ApiProblems(
    401,
    [404, 'NOT_FOUND: missing or not yours'],
    [409, 'ARTICLE_NOT_PUBLISHED: a draft that was never published'],
  )
  async withdraw(
    @CurrentUser() user: Principal,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<AuthorArticleResponse> {
    const article = await this.commands.execute<WithdrawArticleCommand, ArticleSnapshot>(
      new WithdrawArticleCommand(user.userId, id),
    );
    return AuthorArticleResponse.from(article);
  }
}
