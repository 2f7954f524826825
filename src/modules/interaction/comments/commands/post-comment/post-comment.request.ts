import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { COMMENT_MAX_CHARS } from '@domain/interaction/comments/comment';

export class PostCommentRequest {
  @ApiProperty({
    minLength: 1,
    maxLength: COMMENT_MAX_CHARS,
    description:
      'Stored as sent (not trimmed); must contain more than whitespace and no lone UTF-16 surrogate',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(COMMENT_MAX_CHARS)
  content: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Reply to this top-level comment of the same article (replies are one level deep); omit for a top-level comment',
  })
  @IsOptional()
  @IsUUID('all')
  parentId?: string;
}
