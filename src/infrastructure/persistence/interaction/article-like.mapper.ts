import { bufferToUuid, uuidToBuffer } from '@infra/database/column-codecs';
import { RowMapper } from '@infra/database/row-mapper';

/** A like: one per (user, article). */
export interface ArticleLike {
  userId: string;
  articleId: string;
  at: Date;
}

export interface ArticleLikeRow {
  user_id: Buffer;
  article_id: Buffer;
  created_at: Date;
}

export const articleLikeMapper: RowMapper<ArticleLike, ArticleLikeRow> = {
  table: 'article_likes',
  columns: ['user_id', 'article_id', 'created_at'],
  toDomain: (r) => ({
    userId: bufferToUuid(r.user_id),
    articleId: bufferToUuid(r.article_id),
    at: r.created_at,
  }),
  toRow: (l) => ({
    user_id: uuidToBuffer(l.userId),
    article_id: uuidToBuffer(l.articleId),
    created_at: l.at,
  }),
};
