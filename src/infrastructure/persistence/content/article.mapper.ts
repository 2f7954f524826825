import { abstractOf, Article, ArticleStatus } from '@domain/content/article.aggregate';
import { bufferToUuid, toBoolean, uuidToBuffer } from '@infra/database/column-codecs';
import { RowMapper } from '@infra/database/row-mapper';

export interface ArticleRow {
  id: Buffer;
  author_id: Buffer;
  title: string;
  content: string;
  /** Derived from the content on every write, so the author's list needs no content. */
  abstract: string;
  status: ArticleStatus;
  has_unpublished_changes: number | boolean;
  created_at: Date;
  updated_at: Date;
  published_at: Date | null;
}

/** The Article aggregate in the authoring store (`articles`). */
export const articleMapper: RowMapper<Article, ArticleRow> = {
  table: 'articles',
  columns: [
    'id',
    'author_id',
    'title',
    'content',
    'abstract',
    'status',
    'has_unpublished_changes',
    'created_at',
    'updated_at',
    'published_at',
  ],
  toDomain: (r) =>
    Article.restore({
      id: bufferToUuid(r.id),
      authorId: bufferToUuid(r.author_id),
      title: r.title,
      content: r.content,
      status: r.status,
      hasUnpublishedChanges: toBoolean(r.has_unpublished_changes),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      publishedAt: r.published_at,
    }),
  toRow: (article) => {
    const a = article.snapshot();
    return {
      id: uuidToBuffer(a.id),
      author_id: uuidToBuffer(a.authorId),
      title: a.title,
      content: a.content,
      abstract: abstractOf(a.content),
      status: a.status,
      has_unpublished_changes: a.hasUnpublishedChanges,
      created_at: a.createdAt,
      updated_at: a.updatedAt,
      published_at: a.publishedAt,
    };
  },
};
