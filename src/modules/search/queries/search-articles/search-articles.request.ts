import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { QUERY_MAX_CHARS } from '@domain/search/search-terms';
import { PageQuery } from '@infra/http/pagination';

export class SearchArticlesRequest extends PageQuery {
  @ApiProperty({
    minLength: 1,
    maxLength: QUERY_MAX_CHARS,
    description:
      'Words to find in the title and content (characters are Unicode code points). Plain ' +
      'words only: punctuation and full-text operators (+ - * " ( ) ~ < > @) separate words ' +
      'and are never interpreted; words shorter than 3 characters and common stopwords ' +
      'match nothing. A query left without any word answers an empty list.',
    example: 'mountain homestay',
  })
  @IsString()
  @Length(1, QUERY_MAX_CHARS)
  q: string;
}
