import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { abstractOf, ArticleSnapshot } from '@domain/content/article.aggregate';
import type { ArticleSummary } from '@domain/content/article.repository';

/** API.md `AuthorArticle`: the author's draft and its publication state (lists leave `content` out). */
export class AuthorArticleResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  title: string;
  @ApiPropertyOptional({ description: 'Only in single-article responses (lists leave it out)' })
  content?: string;
  @ApiProperty({ description: 'The first 128 characters of the content' })
  abstract: string;
  @ApiProperty({ enum: ['draft', 'published', 'withdrawn'] })
  status: string;
  @ApiProperty({
    description:
      'The draft was edited after the last publish; readers still see the published version',
  })
  hasUnpublishedChanges: boolean;
  @ApiProperty({ format: 'uuid' })
  authorId: string;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
  @ApiProperty({
    format: 'date-time',
    type: String,
    nullable: true,
    description: 'When it last became visible to readers',
  })
  publishedAt: string | null;

  static from(a: ArticleSnapshot): AuthorArticleResponse {
    return {
      ...AuthorArticleResponse.summary({ ...a, abstract: abstractOf(a.content) }),
      content: a.content,
    };
  }

  static summary(a: ArticleSummary): AuthorArticleResponse {
    return {
      id: a.id,
      title: a.title,
      abstract: a.abstract,
      status: a.status,
      hasUnpublishedChanges: a.hasUnpublishedChanges,
      authorId: a.authorId,
      createdAt: a.createdAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
      publishedAt: a.publishedAt ? a.publishedAt.toISOString() : null,
    };
  }
}

export class AuthorArticlePageResponse {
  @ApiProperty({ type: [AuthorArticleResponse] })
  items: AuthorArticleResponse[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
