import { ApiProperty } from '@nestjs/swagger';
import { PublicArticleResponse } from '@modules/shared/dto/public-article.response';

export class SearchHitResponse {
  @ApiProperty({ type: PublicArticleResponse, description: 'Without content' })
  article: PublicArticleResponse;

  @ApiProperty({
    description:
      'Relevance (higher is better; title matches weigh 3×). Comparable within one query only.',
    example: 0.683,
  })
  score: number;
}

export class SearchArticlesPageResponse {
  @ApiProperty({
    type: [SearchHitResponse],
    description:
      'Best match first. A page may hold fewer than `limit` items when an article was withdrawn ' +
      'after being indexed; `nextCursor` alone says whether more follow.',
  })
  items: SearchHitResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
