import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ArticleSnapshot } from '@domain/content/article.aggregate';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { ParseIdPipe } from '@infra/http/parse-id.pipe';
import { AuthorArticleResponse } from '@modules/content/dto/author-article.response';
import { PublishArticleCommand } from './publish-article.command';

@ApiTags('articles')
@ApiBearerAuth()
@Controller('v1/articles/:id/publish')
export class PublishArticleHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'publishArticle',
    summary:
      'Publish the current draft (first publish, republish after withdraw, or publish edits)',
  })
  @ApiOkResponse({ type: AuthorArticleResponse, description: 'The article, published' })
  @ApiProblems(401, [404, 'NOT_FOUND: missing or not yours'])
  async publish(
    @CurrentUser() user: Principal,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<AuthorArticleResponse> {
    const article = await this.commands.execute<PublishArticleCommand, ArticleSnapshot>(
      new PublishArticleCommand(user.userId, id),
    );
    return AuthorArticleResponse.from(article);
  }
}
