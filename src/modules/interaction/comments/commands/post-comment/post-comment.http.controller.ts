import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { ParseIdPipe } from '@infra/http/parse-id.pipe';
import { CommentResponse } from '../../dto/comment.response';
import { PostCommentCommand } from './post-comment.command';
import { PostCommentRequest } from './post-comment.request';

@ApiTags('comments')
@ApiBearerAuth()
@Controller('v1/feed/:id/comments')
export class PostCommentHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'postComment',
    summary: 'Comment on a published article, or reply to one of its top-level comments',
    description:
      'Content 1..2,000 characters, stored as sent, not only whitespace. Replies are one level ' +
      'deep. At most 10 comments per user in any 60 s (COMMENT_RATE_LIMIT_PER_MINUTE); a post ' +
      'refused with 404 or 422 does not count.',
  })
  @ApiCreatedResponse({ type: CommentResponse, description: 'The new comment' })
  @ApiProblems(
    [
      400,
      'VALIDATION_FAILED: content missing, not a string, empty, blank or over 2,000 characters; parentId not a UUID; unknown fields',
    ],
    401,
    [404, 'NOT_FOUND: no such published article (never published or withdrawn)'],
    [
      422,
      'INVALID_PARENT: parentId is not a live top-level comment of this article (unknown, of another article, a reply, or deleted)',
    ],
    [429, 'RATE_LIMITED: 10 comments in the last 60 s (see Retry-After), or the per-IP limit'],
  )
  post(
    @CurrentUser() user: Principal,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: PostCommentRequest,
  ): Promise<CommentResponse> {
    return this.commands.execute(
      new PostCommentCommand(user.userId, id, body.content, body.parentId?.toLowerCase() ?? null),
    );
  }
}
