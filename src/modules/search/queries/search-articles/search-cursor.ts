import { SearchHit, SearchPosition } from '@domain/search/article-search-index.port';
import { isUuid } from '@domain/shared/uuid';
import { CursorPosition, decodeCursor } from '@infra/http/pagination';

/** A score as the index writes it: a non-negative decimal with at most 12 decimals. */
const SCORE = /^\d{1,12}(\.\d{1,12})?$/;

/**
 * The keyset of a relevance list is (score, id), both exactly as the index gave them: the
 * score travels as decimal text, so the next page resumes exactly after the last hit served,
 * even among equal scores.
 */
export function searchCursorPosition(last: SearchHit): CursorPosition {
  return { s: last.score, id: last.articleId };
}

export function decodeSearchCursor(cursor: string | undefined): SearchPosition | null {
  const v = decodeCursor<{ s: string; id: string }>(
    cursor,
    (v) => typeof v.s === 'string' && SCORE.test(v.s) && typeof v.id === 'string' && isUuid(v.id),
  );
  return v && { score: v.s, articleId: v.id };
}
