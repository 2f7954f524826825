import { Column, Entity, PrimaryColumn } from 'typeorm';
import { uuidBinary } from '@infra/database/column-codecs';

/** One row per (user, article): the primary key makes a like idempotent. */
@Entity('article_likes')
export class ArticleLikeOrmEntity {
  @PrimaryColumn({ name: 'user_id', type: 'binary', length: 16, transformer: uuidBinary })
  userId: string;

  @PrimaryColumn({ name: 'article_id', type: 'binary', length: 16, transformer: uuidBinary })
  articleId: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
