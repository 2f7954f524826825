/** Rows changed by a raw INSERT/UPDATE/DELETE (TypeORM's query() may wrap mysql2's result header). */
export function affectedRows(result: unknown): number {
  if (Array.isArray(result)) return affectedRows(result[1] ?? result[0]);
  return (result as { affectedRows?: number })?.affectedRows ?? 0;
}
