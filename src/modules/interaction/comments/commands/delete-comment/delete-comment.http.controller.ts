import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { ParseIdPipe } from '@infra/http/parse-id.pipe';
import { DeleteCommentCommand } from './delete-comment.command';

@ApiTags('comments')
@ApiBearerAuth()
@Controller('v1/comments/:id')
export class DeleteCommentHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Delete()
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteComment',
    summary: 'Delete a comment: yours, one on your article, or any (admin)',
    description:
      'A top-level comment with replies stays in the list as {deleted: true, content: ""} so its ' +
      'thread stays readable; any other comment disappears, and a deleted comment goes too once ' +
      'its last reply is deleted. stats.comments drops by one.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(401, [
    404,
    "NOT_FOUND: no such comment, already deleted, on an article that is not published, or not yours to delete (someone else's comment on someone else's article)",
  ])
  async delete(
    @CurrentUser() user: Principal,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<void> {
    await this.commands.execute(new DeleteCommentCommand(user.userId, user.role === 'admin', id));
  }
}
