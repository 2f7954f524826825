import { Inject, Injectable } from '@nestjs/common';
import {
  ArticleCard,
  AuthoredEntry,
  ArticleIndexSource,
  PublishedArticleRef,
  PublishedArticles,
  PublishedEntry,
} from '@domain/content/published-articles.port';
import { USER_DIRECTORY, UserDirectory } from '@domain/identity/user-directory.port';
import { bufferToUuid, uuidToBuffer } from '@infra/database/column-codecs';
import { selectList } from '@infra/database/row-mapper';
import { placeholders, Sql } from '@infra/database/sql';
import {
  PublishedArticleRow,
  PublishedSummaryRow,
  SUMMARY_COLUMNS,
  toPublishedSummary,
} from './published-article.mapper';
import { withAuthors } from './with-authors';

/** The public store as other contexts see it (the PUBLISHED_ARTICLES port); joins the caller's transaction. */
@Injectable()
export class TypeormPublishedArticles implements PublishedArticles {
  constructor(
    private readonly sql: Sql,
    @Inject(USER_DIRECTORY) private readonly users: UserDirectory,
  ) {}

  async holdPublished(id: string): Promise<PublishedArticleRef | null> {
    // The withdrawal's DELETE of this row waits for our commit. The row is written, not only
    // share-locked, because on Galera a read lock holds on one node only: a DELETE committed on
    // another node would not conflict with it, whereas a written row is certified, so one of
    // the two fails and runs again. (Reactions already serialize per article on article_stats.)
    const locked = await this.sql.execute(
      'UPDATE published_articles SET lock_seq = lock_seq + 1 WHERE id = ?',
      [uuidToBuffer(id)],
    );
    if (locked === 0) return null;
    const row = await this.sql.one<Pick<PublishedArticleRow, 'id' | 'author_id'>>(
      'SELECT id, author_id FROM published_articles WHERE id = ? FOR UPDATE',
      [uuidToBuffer(id)],
    );
    return row && { id: bufferToUuid(row.id), authorId: bufferToUuid(row.author_id) };
  }

  async cards(ids: readonly string[]): Promise<Map<string, ArticleCard>> {
    if (ids.length === 0) return new Map();
    const rows = await this.sql.rows<PublishedSummaryRow>(
      `SELECT ${selectList({ columns: SUMMARY_COLUMNS })} FROM published_articles WHERE id IN (${placeholders(ids.length)})`,
      ids.map(uuidToBuffer),
    );
    const cards = await withAuthors(this.users, rows.map(toPublishedSummary));
    return new Map(cards.map((c) => [c.id, c]));
  }

  async scanPublished(afterId: string | null, limit: number): Promise<PublishedEntry[]> {
    // The ranking computation's scan: the ranking is minutes old anyway, and the winners' cards
    // are read from the primary, which leaves out those withdrawn meanwhile (lag-tolerant).
    const rows = await this.sql
      .fromReplica()
      .rows<Pick<PublishedArticleRow, 'id' | 'published_at'>>(
        `SELECT id, published_at FROM published_articles ${afterId ? 'WHERE id > ?' : ''} ORDER BY id LIMIT ?`,
        afterId ? [uuidToBuffer(afterId), limit] : [limit],
      );
    return rows.map((r) => ({ id: bufferToUuid(r.id), publishedAt: r.published_at }));
  }

  async countByAuthor(authorId: string): Promise<number> {
    // A covering range of ix_published_articles_author.
    const row = await this.sql.one<{ n: number | string }>(
      'SELECT COUNT(*) AS n FROM published_articles WHERE author_id = ?',
      [uuidToBuffer(authorId)],
    );
    return Number(row?.n ?? 0);
  }

  async latestByAuthors(
    authorIds: readonly string[],
    before: { publishedAt: Date; id: string } | null,
    limitPerAuthor: number,
  ): Promise<AuthoredEntry[]> {
    if (authorIds.length === 0) return [];
    // One bounded descending range of ix_published_articles_author per author, in one round
    // trip: the cost is authors × limit, whatever each author has published.
    const keyset = before ? 'AND (published_at < ? OR (published_at = ? AND id < ?))' : '';
    const part = `(SELECT id, author_id, published_at FROM published_articles FORCE INDEX (ix_published_articles_author)
      WHERE author_id = ? ${keyset} ORDER BY published_at DESC, id DESC LIMIT ?)`;
    const params: unknown[] = [];
    for (const a of authorIds) {
      params.push(uuidToBuffer(a));
      if (before) params.push(before.publishedAt, before.publishedAt, uuidToBuffer(before.id));
      params.push(limitPerAuthor);
    }
    const rows = await this.sql.rows<
      Pick<PublishedArticleRow, 'id' | 'author_id' | 'published_at'>
    >(authorIds.map(() => part).join(' UNION ALL '), params);
    return rows.map((r) => ({
      id: bufferToUuid(r.id),
      authorId: bufferToUuid(r.author_id),
      publishedAt: r.published_at,
    }));
  }

  async indexSources(ids: readonly string[]): Promise<Map<string, ArticleIndexSource>> {
    if (ids.length === 0) return new Map();
    // One statement: the version (the article's updated_at) and the public copy are one
    // consistent read, so the version labels exactly the state returned.
    const rows = await this.sql.rows<{
      id: Buffer;
      updated_at: Date;
      author_id: Buffer | null;
      title: string | null;
      content: string | null;
      published_at: Date | null;
    }>(
      `SELECT a.id, a.updated_at, p.author_id, p.title, p.content, p.published_at
       FROM articles a LEFT JOIN published_articles p ON p.id = a.id
       WHERE a.id IN (${placeholders(ids.length)})`,
      ids.map(uuidToBuffer),
    );
    return new Map(
      rows.map((r) => {
        const id = bufferToUuid(r.id);
        const published =
          r.author_id && r.published_at
            ? {
                authorId: bufferToUuid(r.author_id),
                title: r.title ?? '',
                content: r.content ?? '',
                publishedAt: r.published_at,
              }
            : null;
        return [id, { id, version: r.updated_at.getTime(), published }];
      }),
    );
  }
}
