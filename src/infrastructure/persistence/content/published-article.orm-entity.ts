import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { uuidBinary } from '@infra/database/column-codecs';

/**
 * The public store: the version readers see, copied from the draft on publish (same
 * transaction) and deleted on withdraw. Readers never touch `articles`.
 */
@Entity('published_articles')
@Index('ix_published_articles_feed', ['publishedAt', 'id'])
export class PublishedArticleOrmEntity {
  @PrimaryColumn({ type: 'binary', length: 16, transformer: uuidBinary })
  id: string;

  @Column({ name: 'author_id', type: 'binary', length: 16, transformer: uuidBinary })
  authorId: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'mediumtext' })
  content: string;

  @Column({ type: 'varchar', length: 128 })
  abstract: string;

  @Column({ name: 'published_at', type: 'datetime', precision: 3 })
  publishedAt: Date;
}
