import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { uuidBinary } from '@infra/database/column-codecs';

/** The authoring store: the author's current draft and its publication state. */
@Entity('articles')
@Index('ix_articles_author_updated', ['authorId', 'updatedAt', 'id'])
export class ArticleOrmEntity {
  @PrimaryColumn({ type: 'binary', length: 16, transformer: uuidBinary })
  id: string;

  @Column({ name: 'author_id', type: 'binary', length: 16, transformer: uuidBinary })
  authorId: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** 100,000 characters of utf8mb4 can exceed TEXT's 64 KiB. */
  @Column({ type: 'mediumtext' })
  content: string;

  @Column({ type: 'varchar', length: 128 })
  abstract: string;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ name: 'has_unpublished_changes', type: 'boolean', default: false })
  hasUnpublishedChanges: boolean;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @Column({ name: 'published_at', type: 'datetime', precision: 3, nullable: true })
  publishedAt: Date | null;
}
