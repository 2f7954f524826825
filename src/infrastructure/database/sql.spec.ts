import { RowMapper } from './row-mapper';
import { affectedRows, readTarget, Sql } from './sql';

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

type Statement = { on: 'primary' | 'replica'; sql: string; params: unknown[] };

/**
 * Sql over connections that record the statements they are given: the unit of work's (the
 * primary) and, when `replicated`, the data source's replica query runners (`replicaFails`: the
 * replica's query rejects).
 */
function recordingSql(
  answer: unknown = [],
  { replicated = false, inTransaction = false, replicaFails = false } = {},
) {
  const statements: Statement[] = [];
  const record = (on: Statement['on'], sql: string, params: unknown[]) =>
    statements.push({ on, sql: sql.replace(/\s+/g, ' ').trim(), params });
  const txHost = {
    isTransactionActive: () => inTransaction,
    tx: {
      query: async (sql: string, params: unknown[]) => {
        record('primary', sql, params);
        return answer;
      },
    },
  };
  const released: string[] = [];
  const dataSource = {
    options: replicated ? { type: 'mysql', replication: {} } : { type: 'mysql' },
    createQueryRunner: (mode: string) => ({
      query: async (sql: string, params: unknown[]) => {
        record('replica', sql, params);
        if (replicaFails) throw new Error('connect ECONNREFUSED');
        return answer;
      },
      release: async () => void released.push(mode),
    }),
  };
  return { sql: new Sql(txHost as never, dataSource as never), statements, released };
}

describe('Sql', () => {
  it('inserts several values through their mapper as one statement, columns from the mapper', async () => {
    const { sql, statements } = recordingSql({ affectedRows: 2 });
    await expect(
      sql.insert(thingMapper, { id: '01', owner: 'a' }, { id: '02', owner: 'b' }),
    ).resolves.toBe(2);
    expect(statements).toEqual([
      {
        on: 'primary',
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
        on: 'primary',
        sql: 'SELECT id, owner_id FROM things WHERE owner_id = ? AND id < ? ORDER BY id DESC LIMIT ?',
        params: ['a', Buffer.from(before.replace(/-/g, ''), 'hex'), 21],
      },
      {
        on: 'primary',
        sql: 'SELECT id, owner_id FROM things ORDER BY id DESC LIMIT ?',
        params: [5],
      },
    ]);
  });

  it('reads a keyset page through the index it names, and refuses anything but a bare name', async () => {
    const { sql, statements } = recordingSql([]);
    await sql.newestFirst(thingMapper, { owner_id: 'a' }, null, 21, 'ix_things_owner');
    expect(statements.map((s) => s.sql)).toEqual([
      'SELECT id, owner_id FROM things FORCE INDEX (ix_things_owner) WHERE owner_id = ? ORDER BY id DESC LIMIT ?',
    ]);
    await expect(
      sql.newestFirst(thingMapper, { owner_id: 'a' }, null, 21, 'ix) UNION SELECT 1 --'),
    ).rejects.toThrow('bad index name');
    expect(statements).toHaveLength(1);
  });

  it('reads the primary unless a lag-tolerant read runs outside a transaction with replicas', () => {
    const cases = [true, false].flatMap((lagTolerant) =>
      [true, false].flatMap((inTransaction) =>
        [true, false].map((replicated) => ({ lagTolerant, inTransaction, replicated })),
      ),
    );
    expect(cases.filter((c) => readTarget(c) === 'replica')).toEqual([
      { lagTolerant: true, inTransaction: false, replicated: true },
    ]);
  });

  it('sends every statement to the primary, declared replica reads to a replica', async () => {
    const { sql, statements, released } = recordingSql([{ id: 1 }], { replicated: true });
    await sql.rows('SELECT 1');
    await sql.one('SELECT 2');
    await sql.execute('UPDATE things SET owner_id = ?', ['a']);
    await expect(sql.fromReplica().rows('SELECT 3')).resolves.toEqual([{ id: 1 }]);
    await expect(sql.fromReplica().one('SELECT 4', [1])).resolves.toEqual({ id: 1 });
    await sql.fromReplica().newestFirst(thingMapper, {}, null, 2);
    expect(statements.map((s) => [s.on, s.sql])).toEqual([
      ['primary', 'SELECT 1'],
      ['primary', 'SELECT 2'],
      ['primary', 'UPDATE things SET owner_id = ?'],
      ['replica', 'SELECT 3'],
      ['replica', 'SELECT 4'],
      ['replica', 'SELECT id, owner_id FROM things ORDER BY id DESC LIMIT ?'],
    ]);
    expect(released).toEqual(['slave', 'slave', 'slave']);
  });

  it('keeps declared replica reads on the primary in a transaction or without replicas', async () => {
    for (const options of [{ replicated: true, inTransaction: true }, { replicated: false }]) {
      const { sql, statements, released } = recordingSql([], options);
      await sql.fromReplica().rows('SELECT 1');
      expect(statements.map((s) => s.on)).toEqual(['primary']);
      expect(released).toEqual([]);
    }
  });

  it('answers a failed replica read from the primary', async () => {
    const { sql, statements, released } = recordingSql([{ id: 7 }], {
      replicated: true,
      replicaFails: true,
    });
    await expect(sql.fromReplica().rows('SELECT 1', [1])).resolves.toEqual([{ id: 7 }]);
    expect(statements.map((s) => [s.on, s.sql, s.params])).toEqual([
      ['replica', 'SELECT 1', [1]],
      ['primary', 'SELECT 1', [1]],
    ]);
    expect(released).toEqual(['slave']);
  });

  it('counts affected rows whether TypeORM wraps the result header or not', () => {
    expect(affectedRows({ affectedRows: 3 })).toBe(3);
    expect(affectedRows([[], { affectedRows: 1 }])).toBe(1);
    expect(affectedRows(undefined)).toBe(0);
  });
});
