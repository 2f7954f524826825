import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ArticleStats, ViewerFlags } from '@domain/interaction/article-stats';

// Shared: content renders published articles in the feed, interaction in collections and the
// ranking; both return these same OpenAPI schemas.

export class ArticleAuthorResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  username: string;
  @ApiProperty({ type: String, nullable: true })
  nickname: string | null;
}

export class ArticleStatsResponse {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'Eventually consistent: visible within 5 s',
  })
  reads: number;
  @ApiProperty({ type: 'integer', minimum: 0 })
  likes: number;
  @ApiProperty({ type: 'integer', minimum: 0 })
  collects: number;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'Visible comments and replies (deleted ones are not counted)',
  })
  comments: number;
}

/** The shape readers see (API.md `PublicArticle`); lists leave `content` out. */
export class PublicArticleResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  title: string;
  @ApiPropertyOptional({ description: 'Only in GET /v1/feed/:id (lists leave it out)' })
  content?: string;
  @ApiProperty({ description: 'The first 128 characters of the content' })
  abstract: string;
  @ApiProperty({ type: ArticleAuthorResponse })
  author: ArticleAuthorResponse;
  @ApiProperty({ format: 'date-time' })
  publishedAt: string;
  @ApiProperty({ type: ArticleStatsResponse })
  stats: ArticleStatsResponse;
  @ApiProperty({ description: 'false without a token' })
  liked: boolean;
  @ApiProperty({ description: 'false without a token' })
  collected: boolean;

  static from(
    a: {
      id: string;
      title: string;
      abstract: string;
      content?: string;
      author: ArticleAuthorResponse;
      publishedAt: Date;
    },
    stats: ArticleStats,
    flags: ViewerFlags = { liked: false, collected: false },
  ): PublicArticleResponse {
    return {
      id: a.id,
      title: a.title,
      ...(a.content !== undefined ? { content: a.content } : {}),
      abstract: a.abstract,
      author: { id: a.author.id, username: a.author.username, nickname: a.author.nickname },
      publishedAt: a.publishedAt.toISOString(),
      stats: {
        reads: stats.reads,
        likes: stats.likes,
        collects: stats.collects,
        // A counter cached before comments existed has none (ArticleStatsService's 2 s TTL).
        comments: stats.comments ?? 0,
      },
      liked: flags.liked,
      collected: flags.collected,
    };
  }
}

export class PublicArticlePageResponse {
  @ApiProperty({ type: [PublicArticleResponse] })
  items: PublicArticleResponse[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
