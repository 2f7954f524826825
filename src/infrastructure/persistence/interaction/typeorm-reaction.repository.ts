import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { ArticleStats, ViewerFlags, ZERO_STATS } from '../../../domain/interaction/article-stats';
import { Reaction, ReactionRepository } from '../../../domain/interaction/reaction.repository';
import { newId } from '../../../domain/shared/uuid';
import { bufferToUuid, toSafeInteger, uuidToBuffer } from '../../database/column-codecs';

const COUNTER: Record<Reaction, 'likes' | 'collects'> = { like: 'likes', collect: 'collects' };

/**
 * Reactions and counters. The row insert/delete and the counter change share the caller's
 * transaction, and the counter only moves when the row did (affectedRows), so the counters
 * equal the row counts under any concurrency. `reads` is a reserved word: always quoted.
 */
@Injectable()
export class TypeormReactionRepository implements ReactionRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private query<T = any>(sql: string, params: unknown[]): Promise<T> {
    return this.txHost.tx.query(sql, params);
  }

  async add(reaction: Reaction, userId: string, articleId: string, now: Date): Promise<boolean> {
    const user = uuidToBuffer(userId);
    const article = uuidToBuffer(articleId);
    const result =
      reaction === 'like'
        ? await this.query(
            'INSERT IGNORE INTO article_likes (user_id, article_id, created_at) VALUES (?, ?, ?)',
            [user, article, now],
          )
        : await this.query(
            'INSERT IGNORE INTO article_collections (id, user_id, article_id, created_at) VALUES (?, ?, ?, ?)',
            [uuidToBuffer(newId(now.getTime())), user, article, now],
          );
    if (affected(result) === 0) return false;
    const column = COUNTER[reaction];
    await this.query(
      `INSERT INTO article_stats (article_id, \`reads\`, likes, collects) VALUES (?, 0, ?, ?) ON DUPLICATE KEY UPDATE ${column} = ${column} + 1`,
      [article, reaction === 'like' ? 1 : 0, reaction === 'collect' ? 1 : 0],
    );
    return true;
  }

  async remove(reaction: Reaction, userId: string, articleId: string): Promise<boolean> {
    const table = reaction === 'like' ? 'article_likes' : 'article_collections';
    const article = uuidToBuffer(articleId);
    const result = await this.query(`DELETE FROM ${table} WHERE user_id = ? AND article_id = ?`, [
      uuidToBuffer(userId),
      article,
    ]);
    if (affected(result) === 0) return false;
    const column = COUNTER[reaction];
    await this.query(`UPDATE article_stats SET ${column} = ${column} - 1 WHERE article_id = ?`, [
      article,
    ]);
    return true;
  }

  async addReads(counts: Record<string, number>): Promise<void> {
    const entries = Object.entries(counts);
    if (entries.length === 0) return;
    // One statement for the whole batch, whatever its size.
    await this.query(
      `INSERT INTO article_stats (article_id, \`reads\`, likes, collects) VALUES ${entries.map(() => '(?, ?, 0, 0)').join(', ')}
       ON DUPLICATE KEY UPDATE \`reads\` = \`reads\` + VALUES(\`reads\`)`,
      entries.flatMap(([id, n]) => [uuidToBuffer(id), n]),
    );
  }

  async statsOf(articleIds: string[]): Promise<Map<string, ArticleStats>> {
    const out = new Map<string, ArticleStats>();
    if (articleIds.length === 0) return out;
    const rows: Array<{
      article_id: Buffer;
      reads: number | string;
      likes: number;
      collects: number;
    }> = await this.query(
      `SELECT article_id, \`reads\`, likes, collects FROM article_stats WHERE article_id IN (${articleIds.map(() => '?').join(', ')})`,
      articleIds.map(uuidToBuffer),
    );
    for (const id of articleIds) out.set(id, ZERO_STATS);
    for (const r of rows)
      out.set(bufferToUuid(r.article_id), {
        reads: toSafeInteger(r.reads),
        likes: r.likes,
        collects: r.collects,
      });
    return out;
  }

  async flagsOf(userId: string, articleIds: string[]): Promise<Map<string, ViewerFlags>> {
    const out = new Map<string, ViewerFlags>(
      articleIds.map((id) => [id, { liked: false, collected: false }]),
    );
    if (articleIds.length === 0) return out;
    const marks = articleIds.map(() => '?').join(', ');
    const user = uuidToBuffer(userId);
    const ids = articleIds.map(uuidToBuffer);
    const rows: Array<{ kind: 'l' | 'c'; article_id: Buffer }> = await this.query(
      `SELECT 'l' AS kind, article_id FROM article_likes WHERE user_id = ? AND article_id IN (${marks})
       UNION ALL SELECT 'c' AS kind, article_id FROM article_collections WHERE user_id = ? AND article_id IN (${marks})`,
      [user, ...ids, user, ...ids],
    );
    for (const r of rows) {
      const flags = out.get(bufferToUuid(r.article_id));
      if (!flags) continue;
      if (r.kind === 'l') flags.liked = true;
      else flags.collected = true;
    }
    return out;
  }
}

/** mysql2's OkPacket (TypeORM passes it through for INSERT/UPDATE/DELETE). */
function affected(result: unknown): number {
  const r = result as { affectedRows?: number } | [unknown, number];
  if (Array.isArray(r)) return Number(r[1] ?? 0);
  return Number(r?.affectedRows ?? 0);
}
