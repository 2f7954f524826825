import { Injectable } from '@nestjs/common';
import { Article, PublishedVersion } from '@domain/content/article.aggregate';
import {
  ArticleRepository,
  ArticleSummary,
  ListPosition,
} from '@domain/content/article.repository';
import { bufferToUuid, toBoolean, uuidToBuffer } from '@infra/database/column-codecs';
import { selectList } from '@infra/database/row-mapper';
import { placeholders, Sql } from '@infra/database/sql';
import { ArticleRow, articleMapper } from './article.mapper';
import { publishedArticleMapper } from './published-article.mapper';

/** What an edit, publish or withdraw may change (the id, author and creation time never do). */
const MUTABLE_COLUMNS = [
  'title',
  'content',
  'abstract',
  'status',
  'has_unpublished_changes',
  'updated_at',
  'published_at',
] as const satisfies readonly (keyof ArticleRow)[];

/** The author's list reads everything but the content. */
type SummaryRow = Omit<ArticleRow, 'content'>;
const SUMMARY_COLUMNS = articleMapper.columns.filter((c): c is keyof SummaryRow => c !== 'content');

function toSummary(r: SummaryRow): ArticleSummary {
  return {
    id: bufferToUuid(r.id),
    authorId: bufferToUuid(r.author_id),
    title: r.title,
    abstract: r.abstract,
    status: r.status,
    hasUnpublishedChanges: toBoolean(r.has_unpublished_changes),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    publishedAt: r.published_at,
  };
}

/** Both stores of the content context in plain SQL; joins the caller's transaction. */
@Injectable()
export class TypeormArticleRepository implements ArticleRepository {
  constructor(private readonly sql: Sql) {}

  async findById(id: string): Promise<Article | null> {
    const row = await this.sql.one<ArticleRow>(
      `SELECT ${selectList(articleMapper)} FROM articles WHERE id = ?`,
      [uuidToBuffer(id)],
    );
    return row && articleMapper.toDomain(row);
  }

  async lockById(id: string): Promise<Article | null> {
    const row = await this.sql.one<ArticleRow>(
      `SELECT ${selectList(articleMapper)} FROM articles WHERE id = ? FOR UPDATE`,
      [uuidToBuffer(id)],
    );
    return row && articleMapper.toDomain(row);
  }

  async insert(article: Article): Promise<void> {
    await this.sql.insert(articleMapper, article);
  }

  async update(article: Article): Promise<void> {
    const r = articleMapper.toRow(article);
    await this.sql.execute(
      `UPDATE articles SET ${MUTABLE_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`,
      [...MUTABLE_COLUMNS.map((c) => r[c]), r.id],
    );
  }

  async putPublished(v: PublishedVersion): Promise<void> {
    const { table, columns } = publishedArticleMapper;
    const r = publishedArticleMapper.toRow(v);
    await this.sql.execute(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders(columns.length)})
       ON DUPLICATE KEY UPDATE title = VALUES(title), content = VALUES(content), abstract = VALUES(abstract), published_at = VALUES(published_at)`,
      columns.map((c) => r[c]),
    );
  }

  async removePublished(id: string): Promise<void> {
    await this.sql.execute('DELETE FROM published_articles WHERE id = ?', [uuidToBuffer(id)]);
  }

  async listByAuthor(
    authorId: string,
    after: ListPosition | null,
    limit: number,
  ): Promise<ArticleSummary[]> {
    const params: unknown[] = [uuidToBuffer(authorId)];
    let keyset = '';
    if (after) {
      // Expanded row comparison: both MySQL and MariaDB turn it into an index range.
      keyset = 'AND (updated_at < ? OR (updated_at = ? AND id < ?))';
      params.push(after.updatedAt, after.updatedAt, uuidToBuffer(after.id));
    }
    params.push(limit);
    const rows = await this.sql.rows<SummaryRow>(
      `SELECT ${selectList({ columns: SUMMARY_COLUMNS })}
       FROM articles FORCE INDEX (ix_articles_author_updated)
       WHERE author_id = ? ${keyset} ORDER BY updated_at DESC, id DESC LIMIT ?`,
      params,
    );
    return rows.map(toSummary);
  }
}
