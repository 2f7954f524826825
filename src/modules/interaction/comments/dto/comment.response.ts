import { ApiProperty } from '@nestjs/swagger';
import type { StoredComment } from '@domain/interaction/comments/comment';
import type { PublicProfile } from '@domain/identity/user-directory.port';

export class CommentAuthorResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  username: string;
  @ApiProperty({ type: String, nullable: true })
  nickname: string | null;
}

/** API.md `Comment`. */
export class CommentResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  articleId: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null: a top-level comment; else the top-level comment it replies to',
  })
  parentId: string | null;
  @ApiProperty({
    type: CommentAuthorResponse,
    description: 'Also shown on a deleted comment kept for its replies',
  })
  author: CommentAuthorResponse;
  @ApiProperty({ maxLength: 2000, description: 'Empty ("") once deleted' })
  content: string;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'Replies it has (always 0 on a reply: replies are one level deep)',
  })
  replyCount: number;
  @ApiProperty({
    description:
      'A deleted top-level comment stays in the list, with empty content, while it has replies',
  })
  deleted: boolean;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  static from(c: StoredComment, author: PublicProfile): CommentResponse {
    return {
      id: c.id,
      articleId: c.articleId,
      parentId: c.parentId,
      author: { id: author.id, username: author.username, nickname: author.nickname },
      content: c.content,
      replyCount: c.replyCount,
      deleted: c.deletedAt !== null,
      createdAt: c.createdAt.toISOString(),
    };
  }
}

/** A top-level comment in an article's list: with its first 3 replies. */
export class TopLevelCommentResponse extends CommentResponse {
  @ApiProperty({
    type: [CommentResponse],
    maxItems: 3,
    description: 'Its first 3 replies, oldest first (the rest: GET /v1/comments/:id/replies)',
  })
  replies: CommentResponse[];
}

export class CommentPageResponse {
  @ApiProperty({ type: [TopLevelCommentResponse] })
  items: TopLevelCommentResponse[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

export class ReplyPageResponse {
  @ApiProperty({ type: [CommentResponse] })
  items: CommentResponse[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
