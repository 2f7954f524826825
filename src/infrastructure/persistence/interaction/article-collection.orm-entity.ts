import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { uuidBinary } from '@infra/database/column-codecs';

/**
 * One row per (user, article) (unique key: collecting is idempotent). The UUIDv7 id is the
 * keyset order of "my collections", newest first.
 */
@Entity('article_collections')
@Index('uq_article_collections_user_article', ['userId', 'articleId'], { unique: true })
@Index('ix_article_collections_user_id', ['userId', 'id'])
export class ArticleCollectionOrmEntity {
  @PrimaryColumn({ type: 'binary', length: 16, transformer: uuidBinary })
  id: string;

  @Column({ name: 'user_id', type: 'binary', length: 16, transformer: uuidBinary })
  userId: string;

  @Column({ name: 'article_id', type: 'binary', length: 16, transformer: uuidBinary })
  articleId: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
