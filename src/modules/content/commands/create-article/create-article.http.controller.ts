import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ArticleSnapshot } from '@domain/content/article.aggregate';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { AuthorArticleResponse } from '@modules/content/dto/author-article.response';
import { CreateArticleCommand } from './create-article.command';
import { CreateArticleRequest } from './create-article.request';

@ApiTags('articles')
@ApiBearerAuth()
@Controller('v1/articles')
export class CreateArticleHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'createArticle',
    summary: 'Start a new article (a draft only you can see)',
  })
  @ApiCreatedResponse({ type: AuthorArticleResponse, description: 'The new draft' })
  @ApiProblems(400, 401)
  async create(
    @CurrentUser() user: Principal,
    @Body() body: CreateArticleRequest,
  ): Promise<AuthorArticleResponse> {
    const article = await this.commands.execute<CreateArticleCommand, ArticleSnapshot>(
      new CreateArticleCommand(user.userId, body.title, body.content),
    );
    return AuthorArticleResponse.from(article);
  }
}
