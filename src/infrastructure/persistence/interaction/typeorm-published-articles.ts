import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import {
  ArticleCard,
  PublishedArticleRef,
  PublishedArticles,
  RankingCandidate,
} from '../../../domain/interaction/published-articles.port';
import { bufferToUuid, uuidToBuffer } from '../../database/column-codecs';

interface CardRow {
  id: Buffer;
  title: string;
  abstract: string;
  published_at: Date;
  author_id: Buffer;
  username: string;
  nickname: string | null;
}

const CARD_COLUMNS =
  'p.id, p.title, p.abstract, p.published_at, p.author_id, u.username, u.nickname';

function toCard(r: CardRow): ArticleCard {
  return {
    id: bufferToUuid(r.id),
    title: r.title,
    abstract: r.abstract,
    author: { id: bufferToUuid(r.author_id), username: r.username, nickname: r.nickname },
    publishedAt: r.published_at,
  };
}

/**
 * The interaction context reads the content context's public store (and the authors' public
 * profile) here and only here: read-only queries, never a write to another context's table.
 */
@Injectable()
export class TypeormPublishedArticles implements PublishedArticles {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private query<T = any>(sql: string, params: unknown[]): Promise<T> {
    return this.txHost.tx.query(sql, params);
  }

  async findPublishedForShare(id: string): Promise<PublishedArticleRef | null> {
    const rows: Array<{ id: Buffer; author_id: Buffer }> = await this.query(
      'SELECT id, author_id FROM published_articles WHERE id = ? LOCK IN SHARE MODE',
      [uuidToBuffer(id)],
    );
    return rows[0]
      ? { id: bufferToUuid(rows[0].id), authorId: bufferToUuid(rows[0].author_id) }
      : null;
  }

  async cards(ids: string[]): Promise<Map<string, ArticleCard>> {
    if (ids.length === 0) return new Map();
    const rows: CardRow[] = await this.query(
      `SELECT ${CARD_COLUMNS} FROM published_articles p JOIN users u ON u.id = p.author_id WHERE p.id IN (${ids.map(() => '?').join(', ')})`,
      ids.map(uuidToBuffer),
    );
    return new Map(rows.map((r) => [bufferToUuid(r.id), toCard(r)]));
  }

  async scanForRanking(afterId: string | null, limit: number): Promise<RankingCandidate[]> {
    const rows: Array<{ id: Buffer; published_at: Date; likes: number | null }> = await this.query(
      `SELECT p.id, p.published_at, s.likes FROM published_articles p LEFT JOIN article_stats s ON s.article_id = p.id
       ${afterId ? 'WHERE p.id > ?' : ''} ORDER BY p.id LIMIT ?`,
      afterId ? [uuidToBuffer(afterId), limit] : [limit],
    );
    return rows.map((r) => ({
      id: bufferToUuid(r.id),
      publishedAt: r.published_at,
      likes: r.likes ?? 0,
    }));
  }

  async listCollected(
    userId: string,
    beforeCollectionId: string | null,
    limit: number,
  ): Promise<Array<{ collectionId: string; card: ArticleCard }>> {
    const params: unknown[] = [uuidToBuffer(userId)];
    if (beforeCollectionId) params.push(uuidToBuffer(beforeCollectionId));
    params.push(limit);
    const rows: Array<CardRow & { collection_id: Buffer }> = await this.query(
      `SELECT c.id AS collection_id, ${CARD_COLUMNS} FROM article_collections c
       JOIN published_articles p ON p.id = c.article_id JOIN users u ON u.id = p.author_id
       WHERE c.user_id = ? ${beforeCollectionId ? 'AND c.id < ?' : ''} ORDER BY c.id DESC LIMIT ?`,
      params,
    );
    return rows.map((r) => ({ collectionId: bufferToUuid(r.collection_id), card: toCard(r) }));
  }
}
