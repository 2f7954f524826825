import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { uuidBinary } from '@infra/database/column-codecs';

/**
 * Comments and one level of replies. Every stored row is visible (a deleted comment without
 * replies is erased; with replies it stays as a placeholder with `deleted_at` set and its
 * content emptied), so lists filter nothing and a page costs the same at any depth.
 * `ix_comments_thread` serves both lists: an article's top-level comments (parent_id NULL,
 * newest first) and a comment's replies (oldest first), each a range on (article, parent, id).
 */
@Entity('comments')
@Index('ix_comments_thread', ['articleId', 'parentId', 'id'])
export class CommentOrmEntity {
  @PrimaryColumn({ type: 'binary', length: 16, transformer: uuidBinary })
  id: string;

  @Column({ name: 'article_id', type: 'binary', length: 16, transformer: uuidBinary })
  articleId: string;

  @Column({
    name: 'parent_id',
    type: 'binary',
    length: 16,
    nullable: true,
    transformer: uuidBinary,
  })
  parentId: string | null;

  @Column({ name: 'author_id', type: 'binary', length: 16, transformer: uuidBinary })
  authorId: string;

  @Column({ type: 'varchar', length: 2000 })
  content: string;

  @Column({ name: 'reply_count', type: 'int', default: 0 })
  replyCount: number;

  @Column({ name: 'deleted_at', type: 'datetime', precision: 3, nullable: true })
  deletedAt: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
