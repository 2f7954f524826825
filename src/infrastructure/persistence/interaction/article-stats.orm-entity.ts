import { Column, Entity, PrimaryColumn } from 'typeorm';
import { safeBigInt, uuidBinary } from '@infra/database/column-codecs';

/** Counters per article, changed in the same transaction as the like/collection/comment rows (reads: in batches). */
@Entity('article_stats')
export class ArticleStatsOrmEntity {
  @PrimaryColumn({ name: 'article_id', type: 'binary', length: 16, transformer: uuidBinary })
  articleId: string;

  @Column({ type: 'bigint', default: 0, transformer: safeBigInt })
  reads: number;

  @Column({ type: 'int', default: 0 })
  likes: number;

  @Column({ type: 'int', default: 0 })
  collects: number;

  /** Visible comments, changed in the same transaction as the comment rows. */
  @Column({ type: 'int', default: 0 })
  comments: number;
}
