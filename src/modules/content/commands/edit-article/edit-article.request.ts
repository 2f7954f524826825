import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { CONTENT_MAX_CHARS, TITLE_MAX_CHARS } from '@domain/content/article.aggregate';

/** Absent fields stay as they are; `null` is not "absent" and is rejected. */
export class EditArticleRequest {
  @ApiPropertyOptional({ minLength: 1, maxLength: TITLE_MAX_CHARS })
  @ValidateIf((o: EditArticleRequest) => o.title !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(TITLE_MAX_CHARS)
  title?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: CONTENT_MAX_CHARS })
  @ValidateIf((o: EditArticleRequest) => o.content !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(CONTENT_MAX_CHARS)
  content?: string;
}
