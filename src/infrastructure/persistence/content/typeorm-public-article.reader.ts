import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import {
  FeedPosition,
  PublicArticleReader,
  PublicArticleView,
} from '../../../domain/content/public-article';
import { bufferToUuid, uuidToBuffer } from '../../database/column-codecs';

interface Row {
  id: Buffer;
  title: string;
  abstract: string;
  content?: string;
  published_at: Date;
  author_id: Buffer;
  username: string;
  nickname: string | null;
}

function toView(r: Row): PublicArticleView {
  return {
    id: bufferToUuid(r.id),
    title: r.title,
    abstract: r.abstract,
    ...(r.content !== undefined ? { content: r.content } : {}),
    author: { id: bufferToUuid(r.author_id), username: r.username, nickname: r.nickname },
    publishedAt: r.published_at,
  };
}

/**
 * Readers' queries: only the public store, joined with the author's public profile (the read
 * side may join across contexts; nothing here writes).
 */
@Injectable()
export class TypeormPublicArticleReader implements PublicArticleReader {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async findPublished(id: string): Promise<PublicArticleView | null> {
    const rows: Row[] = await this.txHost.tx.query(
      `SELECT p.id, p.title, p.abstract, p.content, p.published_at, p.author_id, u.username, u.nickname
       FROM published_articles p JOIN users u ON u.id = p.author_id WHERE p.id = ?`,
      [uuidToBuffer(id)],
    );
    return rows[0] ? toView(rows[0]) : null;
  }

  async listFeed(after: FeedPosition | null, limit: number): Promise<PublicArticleView[]> {
    const params: unknown[] = [];
    let keyset = '';
    if (after) {
      keyset = 'WHERE p.published_at < ? OR (p.published_at = ? AND p.id < ?)';
      params.push(after.publishedAt, after.publishedAt, uuidToBuffer(after.id));
    }
    params.push(limit);
    const rows: Row[] = await this.txHost.tx.query(
      `SELECT p.id, p.title, p.abstract, p.published_at, p.author_id, u.username, u.nickname
       FROM published_articles p JOIN users u ON u.id = p.author_id ${keyset}
       ORDER BY p.published_at DESC, p.id DESC LIMIT ?`,
      params,
    );
    return rows.map(toView);
  }
}
