import { RowMapper } from './row-mapper';
import { affectedRows, Sql } from './sql';

interface Thing {
  id: string;
  owner: string;
}
interface ThingRow {
  id: Buffer;
  owner_id: string;
}
const thingMapper: RowMapper<Thing, ThingRow> = {
  table: 'things',
  columns: ['id', 'owner_id'],
  toDomain: (r) => ({ id: r.id.toString('hex'), owner: r.owner_id }),
  toRow: (t) => ({ id: Buffer.from(t.id, 'hex'), owner_id: t.owner }),
};

/** Sql over a connection that records the statements it is given. */
function recordingSql(answer: unknown = []) {
  const statements: Array<{ sql: string; params: unknown[] }> = [];
  const txHost = {
    tx: {
      query: async (sql: string, params: unknown[]) => {
        statements.push({ sql: sql.replace(/\s+/g, ' ').trim(), params });
        return answer;
      },
    },
  };
  return { sql: new Sql(txHost as never), statements };
}

describe('Sql', () => {
  it('inserts several values through their mapper as one statement, columns from the mapper', async () => {
    const { sql, statements } = recordingSql({ affectedRows: 2 });
    await expect(
      sql.insert(thingMapper, { id: '01', owner: 'a' }, { id: '02', owner: 'b' }),
    ).resolves.toBe(2);
    expect(statements).toEqual([
      {
        sql: 'INSERT INTO things (id, owner_id) VALUES (?, ?), (?, ?)',
        params: [Buffer.from('01', 'hex'), 'a', Buffer.from('02', 'hex'), 'b'],
      },
    ]);
    await expect(sql.insert(thingMapper)).resolves.toBe(0);
    expect(statements).toHaveLength(1);
  });

  it('skips duplicates only when asked (INSERT IGNORE)', async () => {
    const { sql, statements } = recordingSql({ affectedRows: 0 });
    await expect(sql.insertIgnoringDuplicates(thingMapper, { id: '01', owner: 'a' })).resolves.toBe(
      0,
    );
    expect(statements[0].sql).toBe('INSERT IGNORE INTO things (id, owner_id) VALUES (?, ?)');
  });

  it('reads a keyset page newest first: equality filters, an id below the cursor, the limit', async () => {
    const { sql, statements } = recordingSql([]);
    const before = '0190f0a0-0000-7000-8000-000000000001';
    await sql.newestFirst(thingMapper, { owner_id: 'a' }, before, 21);
    await sql.newestFirst(thingMapper, { owner_id: undefined }, null, 5);
    expect(statements).toEqual([
      {
        sql: 'SELECT id, owner_id FROM things WHERE owner_id = ? AND id < ? ORDER BY id DESC LIMIT ?',
        params: ['a', Buffer.from(before.replace(/-/g, ''), 'hex'), 21],
      },
      { sql: 'SELECT id, owner_id FROM things ORDER BY id DESC LIMIT ?', params: [5] },
    ]);
  });

  it('counts affected rows whether TypeORM wraps the result header or not', () => {
    expect(affectedRows({ affectedRows: 3 })).toBe(3);
    expect(affectedRows([[], { affectedRows: 1 }])).toBe(1);
    expect(affectedRows(undefined)).toBe(0);
  });
});
