import { ArticleStats } from '@domain/interaction/article-stats';
import { bufferToUuid, toSafeInteger, uuidToBuffer } from '@infra/database/column-codecs';
import { RowMapper } from '@infra/database/row-mapper';

/** One article's counters. */
export interface StoredArticleStats extends ArticleStats {
  articleId: string;
}

export interface ArticleStatsRow {
  article_id: Buffer;
  reads: number | string;
  likes: number;
  collects: number;
  comments: number;
}

/**
 * `reads` is a reserved word: a column list must quote it (STATS_INSERT_COLUMNS); a SELECT list
 * qualifies it (selectList with an alias), which needs no quoting.
 */
export const articleStatsMapper: RowMapper<StoredArticleStats, ArticleStatsRow> = {
  table: 'article_stats',
  columns: ['article_id', 'reads', 'likes', 'collects', 'comments'],
  toDomain: (r) => ({
    articleId: bufferToUuid(r.article_id),
    reads: toSafeInteger(r.reads),
    likes: r.likes,
    collects: r.collects,
    comments: r.comments,
  }),
  toRow: (s) => ({
    article_id: uuidToBuffer(s.articleId),
    reads: s.reads,
    likes: s.likes,
    collects: s.collects,
    comments: s.comments,
  }),
};

export const STATS_INSERT_COLUMNS = articleStatsMapper.columns.map((c) => `\`${c}\``).join(', ');
