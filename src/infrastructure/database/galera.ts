/** A query on one connection, as a TypeORM QueryRunner or DataSource runs it. */
export type RunQuery = (sql: string) => Promise<Array<Record<string, unknown>>>;

/**
 * Whether the server is a Galera node (MariaDB `wsrep_on = ON`). There, GET_LOCK and the gap
 * locks of a locking read hold on one node only: only written rows are certified across nodes.
 * MySQL has no such variable (no row) and a plain MariaDB answers OFF.
 */
export async function isGaleraNode(query: RunQuery): Promise<boolean> {
  const [row] = await query("SHOW VARIABLES LIKE 'wsrep_on'");
  const value = row?.Value ?? row?.VALUE ?? row?.value;
  return typeof value === 'string' && value.toUpperCase() === 'ON';
}
