import { bufferToUuid, uuidToBuffer } from '@infra/database/column-codecs';
import { RowMapper } from '@infra/database/row-mapper';

/** A collection: one per (user, article); its UUIDv7 id orders a user's collections. */
export interface ArticleCollection {
  id: string;
  userId: string;
  articleId: string;
  at: Date;
}

export interface ArticleCollectionRow {
  id: Buffer;
  user_id: Buffer;
  article_id: Buffer;
  created_at: Date;
}

export const articleCollectionMapper: RowMapper<ArticleCollection, ArticleCollectionRow> = {
  table: 'article_collections',
  columns: ['id', 'user_id', 'article_id', 'created_at'],
  toDomain: (r) => ({
    id: bufferToUuid(r.id),
    userId: bufferToUuid(r.user_id),
    articleId: bufferToUuid(r.article_id),
    at: r.created_at,
  }),
  toRow: (c) => ({
    id: uuidToBuffer(c.id),
    user_id: uuidToBuffer(c.userId),
    article_id: uuidToBuffer(c.articleId),
    created_at: c.at,
  }),
};
