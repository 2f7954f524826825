import { Inject, Injectable } from '@nestjs/common';
import {
  FeedPosition,
  PublicArticleReader,
  PublicArticleView,
} from '@domain/content/public-article';
import { USER_DIRECTORY, UserDirectory } from '@domain/identity/user-directory.port';
import { uuidToBuffer } from '@infra/database/column-codecs';
import { selectList } from '@infra/database/row-mapper';
import { Sql } from '@infra/database/sql';
import {
  PublishedArticleRow,
  publishedArticleMapper,
  PublishedSummaryRow,
  SUMMARY_COLUMNS,
  toPublishedSummary,
} from './published-article.mapper';
import { withAuthors } from './with-authors';

/** Readers' queries: only the public store; the authors' public profiles come from identity's directory. */
@Injectable()
export class TypeormPublicArticleReader implements PublicArticleReader {
  constructor(
    private readonly sql: Sql,
    @Inject(USER_DIRECTORY) private readonly users: UserDirectory,
  ) {}

  async findPublished(id: string): Promise<PublicArticleView | null> {
    // Only the article cache's miss reads this; the public view may lag (lag-tolerant).
    const row = await this.sql
      .fromReplica()
      .one<PublishedArticleRow>(
        `SELECT ${selectList(publishedArticleMapper)} FROM published_articles WHERE id = ?`,
        [uuidToBuffer(id)],
      );
    if (!row) return null;
    const [view] = await withAuthors(this.users, [publishedArticleMapper.toDomain(row)]);
    return view ?? null;
  }

  async listFeed(after: FeedPosition | null, limit: number): Promise<PublicArticleView[]> {
    const params: unknown[] = [];
    let keyset = '';
    if (after) {
      keyset = 'WHERE published_at < ? OR (published_at = ? AND id < ?)';
      params.push(after.publishedAt, after.publishedAt, uuidToBuffer(after.id));
    }
    params.push(limit);
    // The public feed: an article published seconds ago may appear a little later (lag-tolerant).
    const rows = await this.sql.fromReplica().rows<PublishedSummaryRow>(
      `SELECT ${selectList({ columns: SUMMARY_COLUMNS })} FROM published_articles FORCE INDEX (ix_published_articles_feed)
       ${keyset} ORDER BY published_at DESC, id DESC LIMIT ?`,
      params,
    );
    return withAuthors(this.users, rows.map(toPublishedSummary));
  }
}
