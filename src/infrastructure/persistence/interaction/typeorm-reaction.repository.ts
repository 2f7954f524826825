import { Injectable } from '@nestjs/common';
import { ArticleStats, ViewerFlags, ZERO_STATS } from '@domain/interaction/article-stats';
import { Collection, Reaction, ReactionRepository } from '@domain/interaction/reaction.repository';
import { newId } from '@domain/shared/uuid';
import { bufferToUuid, uuidToBuffer } from '@infra/database/column-codecs';
import { RowMapper, selectList } from '@infra/database/row-mapper';
import { placeholders, Sql } from '@infra/database/sql';
import { articleCollectionMapper } from './article-collection.mapper';
import { articleLikeMapper } from './article-like.mapper';
import {
  ArticleStatsRow,
  articleStatsMapper,
  STATS_INSERT_COLUMNS,
  StoredArticleStats,
} from './article-stats.mapper';

const COUNTER: Record<Reaction, 'likes' | 'collects'> = { like: 'likes', collect: 'collects' };

/**
 * Reactions and counters. The row insert/delete and the counter change share the caller's
 * transaction, and the counter only moves when the row did (affected rows), so the counters
 * equal the row counts under any concurrency.
 */
@Injectable()
export class TypeormReactionRepository implements ReactionRepository {
  constructor(private readonly sql: Sql) {}

  async add(reaction: Reaction, userId: string, articleId: string, now: Date): Promise<boolean> {
    const added =
      reaction === 'like'
        ? await this.insertIgnore(articleLikeMapper, { userId, articleId, at: now })
        : await this.insertIgnore(articleCollectionMapper, {
            id: newId(now.getTime()),
            userId,
            articleId,
            at: now,
          });
    if (added === 0) return false;
    const column = COUNTER[reaction];
    await this.upsertStats(
      [
        {
          articleId,
          reads: 0,
          likes: reaction === 'like' ? 1 : 0,
          collects: reaction === 'collect' ? 1 : 0,
          comments: 0,
        },
      ],
      `${column} = ${column} + 1`,
    );
    return true;
  }

  async remove(reaction: Reaction, userId: string, articleId: string): Promise<boolean> {
    const table = reaction === 'like' ? articleLikeMapper.table : articleCollectionMapper.table;
    const article = uuidToBuffer(articleId);
    const removed = await this.sql.execute(
      `DELETE FROM ${table} WHERE user_id = ? AND article_id = ?`,
      [uuidToBuffer(userId), article],
    );
    if (removed === 0) return false;
    const column = COUNTER[reaction];
    await this.sql.execute(
      `UPDATE article_stats SET ${column} = ${column} - 1 WHERE article_id = ?`,
      [article],
    );
    return true;
  }

  async addReads(counts: Record<string, number>): Promise<void> {
    // One statement for the whole batch, whatever its size.
    await this.upsertStats(
      Object.entries(counts).map(([articleId, reads]) => ({
        articleId,
        reads,
        likes: 0,
        collects: 0,
        comments: 0,
      })),
      '`reads` = `reads` + VALUES(`reads`)',
    );
  }

  async statsOf(articleIds: string[]): Promise<Map<string, ArticleStats>> {
    const out = new Map<string, ArticleStats>();
    if (articleIds.length === 0) return out;
    const rows = await this.sql.rows<ArticleStatsRow>(
      `SELECT ${selectList(articleStatsMapper, 's')} FROM article_stats s WHERE s.article_id IN (${placeholders(articleIds.length)})`,
      articleIds.map(uuidToBuffer),
    );
    for (const id of articleIds) out.set(id, ZERO_STATS);
    for (const r of rows) {
      const { articleId, ...stats } = articleStatsMapper.toDomain(r);
      out.set(articleId, stats);
    }
    return out;
  }

  async flagsOf(userId: string, articleIds: string[]): Promise<Map<string, ViewerFlags>> {
    const out = new Map<string, ViewerFlags>(
      articleIds.map((id) => [id, { liked: false, collected: false }]),
    );
    if (articleIds.length === 0) return out;
    const marks = placeholders(articleIds.length);
    const user = uuidToBuffer(userId);
    const ids = articleIds.map(uuidToBuffer);
    const rows = await this.sql.rows<{ kind: 'l' | 'c'; article_id: Buffer }>(
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

  async collectedBy(
    userId: string,
    beforeCollectionId: string | null,
    limit: number,
  ): Promise<Collection[]> {
    const rows = await this.sql.newestFirst(
      articleCollectionMapper,
      { user_id: uuidToBuffer(userId) },
      beforeCollectionId,
      limit,
      'ix_article_collections_user_id',
    );
    return rows.map((r) => {
      const c = articleCollectionMapper.toDomain(r);
      return { collectionId: c.id, articleId: c.articleId };
    });
  }

  /** INSERT IGNORE: a duplicate (user, article) adds nothing; returns the rows added. */
  private insertIgnore<D, R extends object>(mapper: RowMapper<D, R>, value: D): Promise<number> {
    const row = mapper.toRow(value);
    return this.sql.execute(
      `INSERT IGNORE INTO ${mapper.table} (${mapper.columns.join(', ')}) VALUES (${placeholders(mapper.columns.length)})`,
      mapper.columns.map((c) => row[c]),
    );
  }

  /** Inserts the counters of articles without any yet, and applies `onDuplicate` to the others. */
  private async upsertStats(values: StoredArticleStats[], onDuplicate: string): Promise<void> {
    if (values.length === 0) return;
    const row = `(${placeholders(articleStatsMapper.columns.length)})`;
    await this.sql.execute(
      `INSERT INTO article_stats (${STATS_INSERT_COLUMNS}) VALUES ${values.map(() => row).join(', ')}
       ON DUPLICATE KEY UPDATE ${onDuplicate}`,
      values.flatMap((v) => {
        const r = articleStatsMapper.toRow(v);
        return articleStatsMapper.columns.map((c) => r[c]);
      }),
    );
  }
}
