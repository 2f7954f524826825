import { Inject, Injectable } from '@nestjs/common';
import {
  ArticleCard,
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
