import { Controller, Delete, HttpCode, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { ParseIdPipe } from '@infra/http/parse-id.pipe';
import { ReactToArticleCommand } from './react-to-article.command';

@ApiTags('feed')
@ApiBearerAuth()
@Controller('v1/feed/:id/like')
export class LikeArticleHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Put()
  @HttpCode(204)
  @ApiOperation({ operationId: 'likeArticle', summary: 'Like a published article (idempotent)' })
  @ApiNoContentResponse({ description: 'You like it (also when you already did)' })
  @ApiProblems(401, [404, 'NOT_FOUND: no such published article'])
  async like(@CurrentUser() user: Principal, @Param('id', ParseIdPipe) id: string): Promise<void> {
    await this.commands.execute(new ReactToArticleCommand(user.userId, id, 'like', true));
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ operationId: 'unlikeArticle', summary: 'Remove your like (idempotent)' })
  @ApiNoContentResponse({ description: 'You no longer like it (also when you did not)' })
  @ApiProblems(401, [404, 'NOT_FOUND: no such published article'])
  async unlike(
    @CurrentUser() user: Principal,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<void> {
    await this.commands.execute(new ReactToArticleCommand(user.userId, id, 'like', false));
  }
}
