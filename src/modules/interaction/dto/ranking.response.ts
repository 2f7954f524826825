import { ApiProperty } from '@nestjs/swagger';
import type { Ranking } from '@domain/interaction/ranking';
import { PublicArticleResponse } from '@modules/shared/dto/public-article.response';

export class RankedArticleResponse {
  @ApiProperty({
    type: PublicArticleResponse,
    description: 'Without content; stats as of generatedAt; liked/collected false',
  })
  article: PublicArticleResponse;
  @ApiProperty({ description: '(likes − 1) / (hoursSincePublished + 2)^1.5' })
  score: number;
}

export class RankingResponse {
  @ApiProperty({ type: [RankedArticleResponse] })
  items: RankedArticleResponse[];
  @ApiProperty({
    format: 'date-time',
    description:
      'When this list was computed (it may be served stale while Redis or the database is down)',
  })
  generatedAt: string;

  static from(ranking: Ranking, limit: number): RankingResponse {
    return {
      items: ranking.items
        .slice(0, limit)
        .map((i) => ({ article: PublicArticleResponse.from(i.card, i.stats), score: i.score })),
      generatedAt: ranking.generatedAt.toISOString(),
    };
  }
}
