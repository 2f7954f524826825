import { createConnection, Connection } from 'mysql2/promise';
import { eventually } from './outbox';

/** A direct connection to the run's database, for asserting what the API wrote. */
export function connectDb(): Promise<Connection> {
  return createConnection({
    host: process.env.DB_HOST,
    port: Number(process.env.DB_PORT),
    user: process.env.DB_USER,
    password: process.env.DB_PASSWORD,
    database: process.env.DB_NAME,
    supportBigNumbers: true,
    timezone: 'Z',
  });
}

export function uuidToBuffer(id: string): Buffer {
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

/**
 * Waits until at least `count` transactions wait on a row lock (InnoDB `LOCK WAIT`): requests a
 * test holds behind a `SELECT … FOR UPDATE` are then provably inside their handlers.
 */
export async function waitForLockWaits(db: Connection, count: number, what: string): Promise<void> {
  await eventually(
    async () => {
      const [rows] = await db.query(
        "SELECT COUNT(*) AS n FROM information_schema.innodb_trx WHERE trx_state = 'LOCK WAIT'",
      );
      return Number((rows as Array<{ n: number }>)[0].n) >= count ? true : undefined;
    },
    10_000,
    what,
  );
}
