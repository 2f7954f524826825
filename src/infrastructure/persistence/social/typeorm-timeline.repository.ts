import { Injectable } from '@nestjs/common';
import { FeedEntry, FeedPosition } from '@domain/social/following-feed';
import { TimelineRepository } from '@domain/social/timeline.repository';
import { bufferToUuid, uuidToBuffer } from '@infra/database/column-codecs';
import { Sql } from '@infra/database/sql';

interface TimelineRow {
  article_id: Buffer;
  author_id: Buffer;
  published_at: Date;
}

/** Rows of one timeline write statement (4 parameters each, well under the placeholder limit). */
const CHUNK = 2000;

const UPSERT = `INSERT INTO social_timeline (reader_id, article_id, author_id, published_at) VALUES %ROWS%
  ON DUPLICATE KEY UPDATE published_at = VALUES(published_at)`;

@Injectable()
export class TypeormTimelineRepository implements TimelineRepository {
  constructor(private readonly sql: Sql) {}

  async push(readerIds: readonly string[], entry: FeedEntry): Promise<void> {
    const article = uuidToBuffer(entry.articleId);
    const author = uuidToBuffer(entry.authorId);
    for (let i = 0; i < readerIds.length; i += CHUNK) {
      const chunk = readerIds.slice(i, i + CHUNK);
      await this.sql.execute(
        UPSERT.replace('%ROWS%', chunk.map(() => '(?, ?, ?, ?)').join(', ')),
        chunk.flatMap((r) => [uuidToBuffer(r), article, author, entry.publishedAt]),
      );
    }
  }

  async pushMany(readerId: string, entries: readonly FeedEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const reader = uuidToBuffer(readerId);
    await this.sql.execute(
      UPSERT.replace('%ROWS%', entries.map(() => '(?, ?, ?, ?)').join(', ')),
      entries.flatMap((e) => [
        reader,
        uuidToBuffer(e.articleId),
        uuidToBuffer(e.authorId),
        e.publishedAt,
      ]),
    );
  }

  removeArticle(articleId: string, publishedBefore: Date): Promise<number> {
    // A republish after the withdrawal has a later published_at: its rows stay.
    return this.sql.execute(
      'DELETE FROM social_timeline WHERE article_id = ? AND published_at <= ?',
      [uuidToBuffer(articleId), publishedBefore],
    );
  }

  removeAuthor(readerId: string, authorId: string): Promise<number> {
    return this.sql.execute('DELETE FROM social_timeline WHERE reader_id = ? AND author_id = ?', [
      uuidToBuffer(readerId),
      uuidToBuffer(authorId),
    ]);
  }

  async page(readerId: string, before: FeedPosition | null, limit: number): Promise<FeedEntry[]> {
    const params: unknown[] = [uuidToBuffer(readerId)];
    let keyset = '';
    if (before) {
      // Expanded row comparison: MariaDB and MySQL both make it an index range.
      keyset = 'AND (published_at < ? OR (published_at = ? AND article_id < ?))';
      params.push(before.publishedAt, before.publishedAt, uuidToBuffer(before.articleId));
    }
    params.push(limit);
    // Forced: the primary key (reader_id, article_id) would otherwise be a candidate `ref`
    // access that reads and sorts the reader's whole timeline.
    const rows = await this.sql.rows<TimelineRow>(
      `SELECT article_id, author_id, published_at FROM social_timeline FORCE INDEX (ix_social_timeline_page)
       WHERE reader_id = ? ${keyset} ORDER BY published_at DESC, article_id DESC LIMIT ?`,
      params,
    );
    return rows.map((r) => ({
      articleId: bufferToUuid(r.article_id),
      authorId: bufferToUuid(r.author_id),
      publishedAt: r.published_at,
    }));
  }
}
