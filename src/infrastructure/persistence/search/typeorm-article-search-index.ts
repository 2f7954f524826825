import { Injectable } from '@nestjs/common';
import {
  ArticleSearchIndex,
  SearchHit,
  SearchPosition,
} from '@domain/search/article-search-index.port';
import { IndexDecision, indexDecision, SearchDocument } from '@domain/search/search-document';
import { bufferToUuid, toSafeInteger, uuidToBuffer } from '@infra/database/column-codecs';
import { placeholders, Sql } from '@infra/database/sql';
import { SearchEntry, searchArticleMapper } from './search-article.mapper';

/** The version of a row claimed but not yet written (real versions are times in ms). */
const PLACEHOLDER_VERSION = 0;

/** A title match counts this many times a match in the text: a title hit ranks above a body hit. */
const TITLE_WEIGHT = 3;
/**
 * Relevance as exact decimal text: the cursor compares scores for equality, which a float
 * printed and parsed back can't promise. 12 decimals keep the tiny scores of a small index apart.
 */
const SCORE = `CAST(${TITLE_WEIGHT} * MATCH(title) AGAINST (? IN NATURAL LANGUAGE MODE)
  + MATCH(title, body) AGAINST (? IN NATURAL LANGUAGE MODE) AS DECIMAL(24, 12))`;

/**
 * The default search engine: InnoDB FULLTEXT over the search context's own table. Queries are
 * made of plain words only (searchTermsOf), joined by spaces, in NATURAL LANGUAGE MODE, so no
 * user text is ever read as full-text syntax; values are bound parameters, never SQL text.
 * Writes claim and lock the article's row, then apply `indexDecision`, so concurrent subscriber
 * runs for one article end with the newest state (they queue on the row lock), and runs for
 * different articles never wait on each other.
 */
@Injectable()
export class TypeormArticleSearchIndex implements ArticleSearchIndex {
  constructor(private readonly sql: Sql) {}

  upsert(doc: SearchDocument): Promise<IndexDecision> {
    return this.put({ articleId: doc.articleId, document: doc, version: doc.version });
  }

  remove(articleId: string, version: number): Promise<IndexDecision> {
    return this.put({ articleId, document: null, version });
  }

  private async put(entry: Omit<SearchEntry, 'indexedAt'>): Promise<IndexDecision> {
    const id = uuidToBuffer(entry.articleId);
    // Claim the row before the locking read: FOR UPDATE on a missing row takes a gap lock, and
    // two runs indexing two new articles (UUIDv7 ids, both past the last row, one gap) would
    // deadlock on their inserts. The placeholder (version 0: nothing held) is overwritten below,
    // or rolled back with the unit.
    await this.sql.execute(
      `INSERT IGNORE INTO search_articles (article_id, title, body, visible, version, indexed_at)
       VALUES (?, '', '', 0, ${PLACEHOLDER_VERSION}, ?)`,
      [id, new Date()],
    );
    const held = await this.sql.one<{ version: number | string }>(
      'SELECT version FROM search_articles WHERE article_id = ? FOR UPDATE',
      [id],
    );
    const heldVersion = held ? toSafeInteger(held.version) : PLACEHOLDER_VERSION;
    const decision = indexDecision(
      heldVersion === PLACEHOLDER_VERSION ? null : heldVersion,
      entry.version,
    );
    if (decision !== 'write') return decision;
    const { table, columns } = searchArticleMapper;
    const row = searchArticleMapper.toRow({ ...entry, indexedAt: new Date() });
    const updated = columns.filter((c) => c !== 'article_id');
    await this.sql.execute(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders(columns.length)})
       ON DUPLICATE KEY UPDATE ${updated.map((c) => `${c} = VALUES(${c})`).join(', ')}`,
      columns.map((c) => row[c]),
    );
    return decision;
  }

  async search(
    terms: readonly string[],
    after: SearchPosition | null,
    limit: number,
  ): Promise<SearchHit[]> {
    if (terms.length === 0) return [];
    const text = terms.join(' ');
    // MATCH scores every document holding a term, whatever the page: the cost of a page is the
    // number of matches, the same on page 1 and page 1,000 (docs/search.md, measured).
    const keyset = after ? 'WHERE score < ? OR (score = ? AND article_id < ?)' : '';
    const rows = await this.sql.rows<{ article_id: Buffer; score: string }>(
      `SELECT article_id, score FROM (
         SELECT article_id, ${SCORE} AS score FROM search_articles
         WHERE MATCH(title, body) AGAINST (? IN NATURAL LANGUAGE MODE) AND visible = 1
       ) hits ${keyset}
       ORDER BY score DESC, article_id DESC LIMIT ?`,
      [
        text,
        text,
        text,
        ...(after ? [after.score, after.score, uuidToBuffer(after.articleId)] : []),
        limit,
      ],
    );
    return rows.map((r) => ({ articleId: bufferToUuid(r.article_id), score: String(r.score) }));
  }

  async scanVisible(afterId: string | null, limit: number): Promise<string[]> {
    const rows = await this.sql.rows<{ article_id: Buffer }>(
      `SELECT article_id FROM search_articles WHERE visible = 1 ${afterId ? 'AND article_id > ?' : ''}
       ORDER BY article_id LIMIT ?`,
      afterId ? [uuidToBuffer(afterId), limit] : [limit],
    );
    return rows.map((r) => bufferToUuid(r.article_id));
  }
}
