import { ValidationError } from '@domain/shared/domain-error';
import { keysetPage } from '@infra/http/pagination';
import { decodeSearchCursor, searchCursorPosition } from './search-cursor';

const ID = '01900000-0000-7000-8000-000000000001';
const encode = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

describe('search cursor: (score, id) exactly as the index gave them', () => {
  it('round-trips the last hit of a page, score as exact decimal text', () => {
    const hits = [
      { articleId: '01900000-0000-7000-8000-000000000002', score: '0.683404734324' },
      { articleId: ID, score: '0.000000001886' },
      { articleId: '01900000-0000-7000-8000-000000000000', score: '0.000000001886' },
    ];
    const { nextCursor } = keysetPage(hits, 2, searchCursorPosition);
    expect(decodeSearchCursor(nextCursor!)).toEqual({ score: '0.000000001886', articleId: ID });
  });

  it('no cursor: the first page', () => {
    expect(decodeSearchCursor(undefined)).toBeNull();
  });

  it.each([
    ['not base64 JSON', 'not-a-cursor'],
    ['a number score (floats do not compare exactly)', encode({ s: 0.5, id: ID })],
    ['a negative score', encode({ s: '-1', id: ID })],
    ['an exponent', encode({ s: '1e308', id: ID })],
    ['SQL in the score', encode({ s: '1; DROP TABLE x', id: ID })],
    ['too many decimals', encode({ s: '0.1234567890123', id: ID })],
    ['an id that is not a UUID', encode({ s: '0.5', id: "' OR 1=1" })],
    ["another list's cursor", encode({ p: '2026-01-01T00:00:00.000Z', id: ID })],
  ])('%s is a 400', (_what, cursor) => {
    expect(() => decodeSearchCursor(cursor)).toThrow(ValidationError);
  });
});
