import { StoredComment } from '@domain/interaction/comments/comment';
import {
  bufferToUuid,
  nullableBufferToUuid,
  nullableUuidToBuffer,
  uuidToBuffer,
} from '@infra/database/column-codecs';
import { RowMapper } from '@infra/database/row-mapper';

export interface CommentRow {
  id: Buffer;
  article_id: Buffer;
  parent_id: Buffer | null;
  author_id: Buffer;
  content: string;
  reply_count: number;
  deleted_at: Date | null;
  created_at: Date;
}

export const commentMapper: RowMapper<StoredComment, CommentRow> = {
  table: 'comments',
  columns: [
    'id',
    'article_id',
    'parent_id',
    'author_id',
    'content',
    'reply_count',
    'deleted_at',
    'created_at',
  ],
  toDomain: (r) => ({
    id: bufferToUuid(r.id),
    articleId: bufferToUuid(r.article_id),
    parentId: nullableBufferToUuid(r.parent_id),
    authorId: bufferToUuid(r.author_id),
    content: r.content,
    replyCount: r.reply_count,
    deletedAt: r.deleted_at,
    createdAt: r.created_at,
  }),
  toRow: (c) => ({
    id: uuidToBuffer(c.id),
    article_id: uuidToBuffer(c.articleId),
    parent_id: nullableUuidToBuffer(c.parentId),
    author_id: uuidToBuffer(c.authorId),
    content: c.content,
    reply_count: c.replyCount,
    deleted_at: c.deletedAt,
    created_at: c.createdAt,
  }),
};
