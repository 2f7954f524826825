import { RowMapper, selectList } from './row-mapper';
import { Sql } from './sql';

/**
 * An aggregate's `save`, keyed by its `id` column: reads the stored row, then INSERTs the
 * value, UPDATEs only the columns that differ, or writes nothing. Writing only what changed
 * keeps two transactions that change different columns of one row (a password and a profile)
 * from undoing each other; the read takes no lock, callers that need one take it first.
 * `beforeInsert` runs only when the value is new, before its INSERT (e.g. a lock a new row needs).
 */
export async function saveById<D, R extends { id: Buffer }>(
  sql: Sql,
  mapper: RowMapper<D, R>,
  value: D,
  options: { beforeInsert?: () => Promise<void> } = {},
): Promise<void> {
  const next = mapper.toRow(value);
  const stored = await sql.one<R>(
    `SELECT ${selectList(mapper)} FROM ${mapper.table} WHERE id = ?`,
    [next.id],
  );
  if (!stored) {
    await options.beforeInsert?.();
    await sql.insert(mapper, value);
    return;
  }
  const current = mapper.toRow(mapper.toDomain(stored));
  const changed = mapper.columns.filter((c) => !sameValue(current[c], next[c]));
  if (changed.length === 0) return;
  await sql.execute(
    `UPDATE ${mapper.table} SET ${changed.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`,
    [...changed.map((c) => next[c]), next.id],
  );
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}
