import { PublishedVersion } from '@domain/content/article.aggregate';
import { bufferToUuid, uuidToBuffer } from '@infra/database/column-codecs';
import { RowMapper } from '@infra/database/row-mapper';

export interface PublishedArticleRow {
  id: Buffer;
  author_id: Buffer;
  title: string;
  content: string;
  abstract: string;
  published_at: Date;
}

/** A published version in the public store (`published_articles`). */
export const publishedArticleMapper: RowMapper<PublishedVersion, PublishedArticleRow> = {
  table: 'published_articles',
  columns: ['id', 'author_id', 'title', 'content', 'abstract', 'published_at'],
  toDomain: (r) => ({ ...toPublishedSummary(r), content: r.content }),
  toRow: (v) => ({
    id: uuidToBuffer(v.id),
    author_id: uuidToBuffer(v.authorId),
    title: v.title,
    content: v.content,
    abstract: v.abstract,
    published_at: v.publishedAt,
  }),
};

/** What lists (the feed, cards) read: the published version without its content. */
export type PublishedSummaryRow = Omit<PublishedArticleRow, 'content'>;

export const SUMMARY_COLUMNS = publishedArticleMapper.columns.filter(
  (c): c is keyof PublishedSummaryRow => c !== 'content',
);

export function toPublishedSummary(r: PublishedSummaryRow): Omit<PublishedVersion, 'content'> {
  return {
    id: bufferToUuid(r.id),
    authorId: bufferToUuid(r.author_id),
    title: r.title,
    abstract: r.abstract,
    publishedAt: r.published_at,
  };
}
