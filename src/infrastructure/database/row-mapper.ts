/**
 * How one aggregate (or record) is stored: the table, its columns as the SQL names them, and
 * the two conversions. One mapper per aggregate lives in `persistence/<context>/<name>.mapper.ts`;
 * repositories never convert a column themselves.
 *
 * `R` is the row as mysql2 returns it (snake_case keys, BINARY ids as `Buffer`, BIGINT as
 * `number | string`); `toRow` produces the same keys with the values to write.
 */
export interface RowMapper<D, R extends object> {
  readonly table: string;
  /** Every column, in the order SELECT and INSERT use (the keys of `R`). */
  readonly columns: readonly (keyof R & string)[];
  toDomain(row: R): D;
  toRow(value: D): R;
}

/** `id, title, …` or, with an alias, `p.id, p.title, …`: a SELECT list for the mapper's columns. */
export function selectList<R extends object>(
  mapper: Pick<RowMapper<unknown, R>, 'columns'>,
  alias?: string,
): string {
  return mapper.columns.map((c) => (alias ? `${alias}.${c}` : c)).join(', ');
}
