import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { safeBigInt, uuidBinary } from '@infra/database/column-codecs';

/**
 * The public store: the version readers see, copied from the draft on publish (same
 * transaction) and deleted on withdraw. Readers never touch `articles`.
 */
@Entity('published_articles')
@Index('ix_published_articles_feed', ['publishedAt', 'id'])
// An author's published articles newest first: profiles' counts, the following feed's read path.
@Index('ix_published_articles_author', ['authorId', 'publishedAt', 'id'])
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

  /**
   * Bumped by every transaction that takes this row as its lock (a reaction or reward holding the article published). On Galera only
   * written rows are certified across nodes: a lock that is only read holds on one node.
   */
  @Column({ name: 'lock_seq', type: 'bigint', unsigned: true, default: 0, transformer: safeBigInt })
  lockSeq: number;
}
