import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { safeBigInt, uuidBinary } from '@infra/database/column-codecs';

/**
 * The search context's own copy of each article's published text, fed from the outbox
 * (docs/search.md). InnoDB FULLTEXT indexes: the title alone (weighted higher) and title + body
 * (what a query must match). A withdrawn article stays as a tombstone (`visible` false, no text)
 * that keeps its version, so a late publish event can't bring it back.
 */
@Entity('search_articles')
@Index('ft_search_articles_title', ['title'], { fulltext: true })
@Index('ft_search_articles_text', ['title', 'body'], { fulltext: true })
export class SearchArticleOrmEntity {
  @PrimaryColumn({ name: 'article_id', type: 'binary', length: 16, transformer: uuidBinary })
  articleId: string;

  /** Null on a tombstone (the withdrawal does not tell who wrote the article). */
  @Column({
    name: 'author_id',
    type: 'binary',
    length: 16,
    nullable: true,
    transformer: uuidBinary,
  })
  authorId: string | null;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'mediumtext' })
  body: string;

  @Column({ name: 'published_at', type: 'datetime', precision: 3, nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'boolean' })
  visible: boolean;

  /** The content version (the article's updated_at in ms) of the state held: the ordering rule. */
  @Column({ type: 'bigint', unsigned: true, transformer: safeBigInt })
  version: number;

  @Column({ name: 'indexed_at', type: 'datetime', precision: 3 })
  indexedAt: Date;
}
