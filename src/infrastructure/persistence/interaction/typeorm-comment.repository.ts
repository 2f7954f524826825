import { Injectable } from '@nestjs/common';
import { CommentRemoval, StoredComment } from '@domain/interaction/comments/comment';
import { CommentRepository } from '@domain/interaction/comments/comment.repository';
import { bufferToUuid, uuidToBuffer } from '@infra/database/column-codecs';
import { selectList } from '@infra/database/row-mapper';
import { placeholders, Sql } from '@infra/database/sql';
import { articleStatsMapper, STATS_INSERT_COLUMNS } from './article-stats.mapper';
import { commentMapper, CommentRow } from './comment.mapper';

const COLUMNS = selectList(commentMapper);
/**
 * Every list reads a range of this index. Forced: with `article_id = ? AND parent_id IS NULL`
 * MariaDB may otherwise pick a `ref` access on the equality prefix and sort, which reads every
 * comment of the article before the LIMIT applies (a cost that grows with the page's depth).
 */
const THREAD = `${commentMapper.table} FORCE INDEX (ix_comments_thread)`;

/**
 * Comments and their counters. Writers of one article run one after another (they hold the
 * article published first, see PublishedArticles.holdPublished), and every counter moves by an
 * atomic increment in the same transaction as the rows, so replyCount and
 * article_stats.comments equal the rows under any concurrency.
 */
@Injectable()
export class TypeormCommentRepository implements CommentRepository {
  constructor(private readonly sql: Sql) {}

  async add(comment: StoredComment): Promise<void> {
    await this.sql.insert(commentMapper, comment);
    if (comment.parentId)
      await this.sql.execute('UPDATE comments SET reply_count = reply_count + 1 WHERE id = ?', [
        uuidToBuffer(comment.parentId),
      ]);
    const stats = articleStatsMapper.toRow({
      articleId: comment.articleId,
      reads: 0,
      likes: 0,
      collects: 0,
      comments: 1,
    });
    await this.sql.execute(
      `INSERT INTO article_stats (${STATS_INSERT_COLUMNS}) VALUES (${placeholders(articleStatsMapper.columns.length)})
       ON DUPLICATE KEY UPDATE comments = comments + 1`,
      articleStatsMapper.columns.map((c) => stats[c]),
    );
  }

  async lock(id: string): Promise<StoredComment | null> {
    const row = await this.sql.one<CommentRow>(
      `SELECT ${COLUMNS} FROM comments WHERE id = ? FOR UPDATE`,
      [uuidToBuffer(id)],
    );
    return row && commentMapper.toDomain(row);
  }

  async find(id: string): Promise<StoredComment | null> {
    const row = await this.sql.one<CommentRow>(`SELECT ${COLUMNS} FROM comments WHERE id = ?`, [
      uuidToBuffer(id),
    ]);
    return row && commentMapper.toDomain(row);
  }

  async remove(articleId: string, removal: CommentRemoval, now: Date): Promise<void> {
    if (removal.kind === 'placeholder') {
      await this.sql.execute(
        `UPDATE comments SET deleted_at = ?, content = '' WHERE id = ? AND deleted_at IS NULL`,
        [now, uuidToBuffer(removal.id)],
      );
    } else {
      await this.sql.execute(
        `DELETE FROM comments WHERE id IN (${placeholders(removal.ids.length)})`,
        removal.ids.map(uuidToBuffer),
      );
      if (removal.parentId)
        await this.sql.execute('UPDATE comments SET reply_count = reply_count - 1 WHERE id = ?', [
          uuidToBuffer(removal.parentId),
        ]);
    }
    await this.sql.execute(
      'UPDATE article_stats SET comments = comments - 1 WHERE article_id = ?',
      [uuidToBuffer(articleId)],
    );
  }

  async topLevel(
    articleId: string,
    beforeId: string | null,
    limit: number,
  ): Promise<StoredComment[]> {
    const rows = await this.sql.rows<CommentRow>(
      `SELECT ${COLUMNS} FROM ${THREAD}
       WHERE article_id = ? AND parent_id IS NULL ${beforeId ? 'AND id < ?' : ''}
       ORDER BY id DESC LIMIT ?`,
      [uuidToBuffer(articleId), ...(beforeId ? [uuidToBuffer(beforeId)] : []), limit],
    );
    return rows.map(commentMapper.toDomain);
  }

  async replies(
    articleId: string,
    parentId: string,
    afterId: string | null,
    limit: number,
  ): Promise<StoredComment[]> {
    const rows = await this.sql.rows<CommentRow>(
      `SELECT ${COLUMNS} FROM ${THREAD}
       WHERE article_id = ? AND parent_id = ? ${afterId ? 'AND id > ?' : ''}
       ORDER BY id LIMIT ?`,
      [
        uuidToBuffer(articleId),
        uuidToBuffer(parentId),
        ...(afterId ? [uuidToBuffer(afterId)] : []),
        limit,
      ],
    );
    return rows.map(commentMapper.toDomain);
  }

  async firstReplies(
    articleId: string,
    parentIds: readonly string[],
    perParent: number,
  ): Promise<Map<string, StoredComment[]>> {
    const out = new Map<string, StoredComment[]>(parentIds.map((id) => [id, []]));
    if (parentIds.length === 0) return out;
    // One bounded range per parent (a parent with 10,000 replies still costs `perParent` rows).
    const one = `(SELECT ${COLUMNS} FROM ${THREAD} WHERE article_id = ? AND parent_id = ? ORDER BY id LIMIT ?)`;
    const article = uuidToBuffer(articleId);
    const rows = await this.sql.rows<CommentRow>(
      parentIds.map(() => one).join(' UNION ALL '),
      parentIds.flatMap((id) => [article, uuidToBuffer(id), perParent]),
    );
    for (const row of rows)
      out.get(bufferToUuid(row.parent_id!))?.push(commentMapper.toDomain(row));
    for (const replies of out.values()) replies.sort((a, b) => (a.id < b.id ? -1 : 1));
    return out;
  }
}
