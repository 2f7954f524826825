import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { CONTENT_MAX_CHARS, TITLE_MAX_CHARS } from '@domain/content/article.aggregate';

export class CreateArticleRequest {
  @ApiProperty({ minLength: 1, maxLength: TITLE_MAX_CHARS })
  @IsString()
  @MinLength(1)
  @MaxLength(TITLE_MAX_CHARS)
  title: string;

  @ApiProperty({ minLength: 1, maxLength: CONTENT_MAX_CHARS })
  @IsString()
  @MinLength(1)
  @MaxLength(CONTENT_MAX_CHARS)
  content: string;
}
