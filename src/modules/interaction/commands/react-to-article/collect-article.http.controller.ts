import { Controller, Delete, HttpCode, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { ParseIdPipe } from '@infra/http/parse-id.pipe';
import { ReactToArticleCommand } from './react-to-article.command';

@ApiTags('feed')
@ApiBearerAuth()
@Controller('v1/feed/:id/collect')
export class CollectArticleHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Put()
  @HttpCode(204)
  @ApiOperation({
    operationId: 'collectArticle',
    summary: 'Add a published article to your collections (idempotent)',
  })
  @ApiNoContentResponse({ description: 'It is in your collections (also when it already was)' })
  @ApiProblems(401, [404, 'NOT_FOUND: no such published article'])
  async collect(
    @CurrentUser() user: Principal,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<void> {
    await this.commands.execute(new ReactToArticleCommand(user.userId, id, 'collect', true));
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({
    operationId: 'uncollectArticle',
    summary: 'Remove it from your collections (idempotent)',
  })
  @ApiNoContentResponse({ description: 'It is not in your collections (also when it was not)' })
  @ApiProblems(401, [404, 'NOT_FOUND: no such published article'])
  async uncollect(
    @CurrentUser() user: Principal,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<void> {
    await this.commands.execute(new ReactToArticleCommand(user.userId, id, 'collect', false));
  }
}
