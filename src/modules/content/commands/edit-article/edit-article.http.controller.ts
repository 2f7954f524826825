import { Body, Controller, Param, Patch } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ArticleSnapshot } from '@domain/content/article.aggregate';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { ParseIdPipe } from '@infra/http/parse-id.pipe';
import { AuthorArticleResponse } from '@modules/content/dto/author-article.response';
import { EditArticleCommand } from './edit-article.command';
import { EditArticleRequest } from './edit-article.request';

@ApiTags('articles')
@ApiBearerAuth()
@Controller('v1/articles/:id')
export class EditArticleHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Patch()
  @ApiOperation({
    operationId: 'editArticle',
    summary: 'Edit your draft; readers keep seeing the published version until you publish again',
  })
  @ApiOkResponse({ type: AuthorArticleResponse, description: 'The edited article' })
  @ApiProblems(400, 401, [404, 'NOT_FOUND: missing or not yours'])
  async edit(
    @CurrentUser() user: Principal,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: EditArticleRequest,
  ): Promise<AuthorArticleResponse> {
    const changes = {
      ...(body.title !== undefined ? { title: body.title } : {}),
      ...(body.content !== undefined ? { content: body.content } : {}),
    };
    const article = await this.commands.execute<EditArticleCommand, ArticleSnapshot>(
      new EditArticleCommand(user.userId, id, changes),
    );
    return AuthorArticleResponse.from(article);
  }
}
