import { ValidationError } from '@domain/shared/domain-error';
import { decodeCursor, keysetFetchSize, keysetPage } from './pagination';

interface Row {
  id: string;
  at: Date;
}

const rows: Row[] = [
  { id: 'a', at: new Date('2024-01-03T00:00:00.000Z') },
  { id: 'b', at: new Date('2024-01-02T00:00:00.000Z') },
  { id: 'c', at: new Date('2024-01-01T00:00:00.000Z') },
];
const positionOf = (r: Row) => ({ p: r.at.toISOString(), id: r.id });

describe('keysetPage', () => {
  it('reads one row more than the page holds', () => {
    expect(keysetFetchSize(20)).toBe(21);
  });

  it('with a row beyond the page: the first `limit` rows and the cursor of the last one', () => {
    const page = keysetPage(rows, 2, positionOf, (r) => r.id.toUpperCase());
    expect(page).toEqual({
      items: ['A', 'B'],
      nextCursor: 'eyJwIjoiMjAyNC0wMS0wMlQwMDowMDowMC4wMDBaIiwiaWQiOiJiIn0',
    });
    expect(JSON.parse(Buffer.from(page.nextCursor!, 'base64url').toString('utf8'))).toEqual({
      p: '2024-01-02T00:00:00.000Z',
      id: 'b',
    });
    expect(Object.keys(page)).toEqual(['items', 'nextCursor']);
  });

  it('without a row beyond the page: every row and no cursor', () => {
    expect(keysetPage(rows, 3, positionOf)).toEqual({ items: rows, nextCursor: null });
    expect(keysetPage([], 3, positionOf)).toEqual({ items: [], nextCursor: null });
  });

  it('maps each row alone (no index argument reaches toItem)', () => {
    const toItem = jest.fn((r: Row, ...rest: unknown[]) => [r.id, rest.length]);
    expect(keysetPage(rows, 2, positionOf, toItem).items).toEqual([
      ['a', 0],
      ['b', 0],
    ]);
  });

  it('gives a cursor decodeCursor takes back', () => {
    const { nextCursor } = keysetPage(rows, 1, (r) => ({ id: r.id }));
    expect(decodeCursor(nextCursor!, (v) => typeof v.id === 'string')).toEqual({ id: 'a' });
  });
});

describe('decodeCursor', () => {
  it('no cursor: the first page', () => {
    expect(decodeCursor(undefined, () => true)).toBeNull();
  });

  it.each(['%%%', Buffer.from('[1]').toString('base64url'), 'eyJpZCI6MX0'])(
    '%p is refused',
    (cursor) => {
      expect(() => decodeCursor(cursor, (v) => typeof v.id === 'string')).toThrow(ValidationError);
    },
  );
});
