import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { uuidBinary } from '@infra/database/column-codecs';

/**
 * Per-reader timelines (fan-out on write): the articles of the non-celebrity authors a reader
 * follows. The primary key makes a fan-out delivered twice a no-op.
 */
@Entity('social_timeline')
// The page read: one descending range per reader, whatever the reader follows.
@Index('ix_social_timeline_page', ['readerId', 'publishedAt', 'articleId'])
// A withdrawal removes the article from every timeline.
@Index('ix_social_timeline_article', ['articleId'])
// An unfollow removes the author's articles from one timeline.
@Index('ix_social_timeline_author', ['readerId', 'authorId'])
export class TimelineOrmEntity {
  @PrimaryColumn({ name: 'reader_id', type: 'binary', length: 16, transformer: uuidBinary })
  readerId: string;

  @PrimaryColumn({ name: 'article_id', type: 'binary', length: 16, transformer: uuidBinary })
  articleId: string;

  @Column({ name: 'author_id', type: 'binary', length: 16, transformer: uuidBinary })
  authorId: string;

  @Column({ name: 'published_at', type: 'datetime', precision: 3 })
  publishedAt: Date;
}
