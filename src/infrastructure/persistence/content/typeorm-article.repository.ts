import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import {
  abstractOf,
  Article,
  ArticleStatus,
  PublishedVersion,
} from '../../../domain/content/article.aggregate';
import {
  ArticleRepository,
  ArticleSummary,
  ListPosition,
} from '../../../domain/content/article.repository';
import { bufferToUuid, uuidToBuffer } from '../../database/column-codecs';

const COLUMNS =
  'id, author_id, title, content, status, has_unpublished_changes, created_at, updated_at, published_at';

interface ArticleRow {
  id: Buffer;
  author_id: Buffer;
  title: string;
  content: string;
  abstract: string;
  status: ArticleStatus;
  has_unpublished_changes: number;
  created_at: Date;
  updated_at: Date;
  published_at: Date | null;
}

function toArticle(r: ArticleRow): Article {
  return Article.restore({
    id: bufferToUuid(r.id),
    authorId: bufferToUuid(r.author_id),
    title: r.title,
    content: r.content,
    status: r.status,
    hasUnpublishedChanges: Boolean(r.has_unpublished_changes),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    publishedAt: r.published_at,
  });
}

/** Both stores of the content context in plain SQL; joins the caller's transaction. */
@Injectable()
export class TypeormArticleRepository implements ArticleRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private query<T = unknown>(sql: string, params: unknown[]): Promise<T> {
    return this.txHost.tx.query(sql, params);
  }

  async findById(id: string): Promise<Article | null> {
    const rows = await this.query<ArticleRow[]>(`SELECT ${COLUMNS} FROM articles WHERE id = ?`, [
      uuidToBuffer(id),
    ]);
    return rows[0] ? toArticle(rows[0]) : null;
  }

  async lockById(id: string): Promise<Article | null> {
    const rows = await this.query<ArticleRow[]>(
      `SELECT ${COLUMNS} FROM articles WHERE id = ? FOR UPDATE`,
      [uuidToBuffer(id)],
    );
    return rows[0] ? toArticle(rows[0]) : null;
  }

  async insert(article: Article): Promise<void> {
    const a = article.snapshot();
    await this.query(
      `INSERT INTO articles (id, author_id, title, content, abstract, status, has_unpublished_changes, created_at, updated_at, published_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        uuidToBuffer(a.id),
        uuidToBuffer(a.authorId),
        a.title,
        a.content,
        abstractOf(a.content),
        a.status,
        a.hasUnpublishedChanges,
        a.createdAt,
        a.updatedAt,
        a.publishedAt,
      ],
    );
  }

  async update(article: Article): Promise<void> {
    const a = article.snapshot();
    await this.query(
      `UPDATE articles SET title = ?, content = ?, abstract = ?, status = ?, has_unpublished_changes = ?, updated_at = ?, published_at = ? WHERE id = ?`,
      [
        a.title,
        a.content,
        abstractOf(a.content),
        a.status,
        a.hasUnpublishedChanges,
        a.updatedAt,
        a.publishedAt,
        uuidToBuffer(a.id),
      ],
    );
  }

  async putPublished(v: PublishedVersion): Promise<void> {
    await this.query(
      `INSERT INTO published_articles (id, author_id, title, content, abstract, published_at) VALUES (?, ?, ?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE title = VALUES(title), content = VALUES(content), abstract = VALUES(abstract), published_at = VALUES(published_at)`,
      [uuidToBuffer(v.id), uuidToBuffer(v.authorId), v.title, v.content, v.abstract, v.publishedAt],
    );
  }

  async removePublished(id: string): Promise<void> {
    await this.query('DELETE FROM published_articles WHERE id = ?', [uuidToBuffer(id)]);
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
    const rows = await this.query<ArticleRow[]>(
      `SELECT id, author_id, title, abstract, status, has_unpublished_changes, created_at, updated_at, published_at
       FROM articles WHERE author_id = ? ${keyset} ORDER BY updated_at DESC, id DESC LIMIT ?`,
      params,
    );
    return rows.map((r) => ({
      id: bufferToUuid(r.id),
      authorId: bufferToUuid(r.author_id),
      title: r.title,
      abstract: r.abstract,
      status: r.status,
      hasUnpublishedChanges: Boolean(r.has_unpublished_changes),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      publishedAt: r.published_at,
    }));
  }
}
