import { createConnection } from 'mysql2/promise';
import { fundedHolders } from './bank.bench';
import {
  BENCH_ADMIN,
  dbEnv,
  load,
  report,
  Result,
  startProcess,
  withNon2xxAsErrors,
} from './harness';

const ROWS = Number(process.env.BENCH_KEYSET_ROWS ?? 1_000_000);
const LIMIT = 50;
const CONNECTIONS = 8;
/** Seeded ids: a UUIDv7-shaped 16 bytes whose first 48 bits grow with n, all older than the app's. */
const BASE_MS = Date.UTC(2026, 0, 1);

function seededIdHex(n: number): string {
  return (
    (BASE_MS + n).toString(16).padStart(12, '0') +
    '7000' +
    '8000' +
    n.toString(16).padStart(12, '0')
  );
}

function uuidOf(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The opaque cursor the entries list gives after the row `depth` rows below the newest seeded one. */
function cursorAt(depth: number): string {
  const id = uuidOf(seededIdHex(ROWS - depth));
  return Buffer.from(JSON.stringify({ id }), 'utf8').toString('base64url');
}

/**
 * GET /v1/accounts/:id/entries of an account with ROWS entries (1,000,000 by default): page 1
 * against pages 1,000 and 10,000 (the cursor of a row 50,000 and 500,000 rows deep). The
 * entries are written straight into the table (they are not a ledger: run this suite last, as
 * `bench/run.ts` does, because ledger:check would rightly reject them).
 */
export async function keysetBenchmarks(
  baseEnv: Record<string, string>,
  duration: number,
): Promise<string[]> {
  const appEnv: Record<string, string> = { ...baseEnv, ...BENCH_ADMIN };
  const api = await startProcess(['dist/main.js'], appEnv);
  try {
    const [holder] = await fundedHolders(api.url, 1);
    const conn = await createConnection({
      host: dbEnv.DB_HOST,
      port: Number(dbEnv.DB_PORT),
      user: dbEnv.DB_USER,
      password: dbEnv.DB_PASSWORD,
      database: appEnv.DB_NAME,
    });
    const started = Date.now();
    try {
      const account = Buffer.from(holder.accountId.replace(/-/g, ''), 'hex');
      const batch = 5_000;
      for (let from = 1; from <= ROWS; from += batch) {
        const rows: unknown[][] = [];
        for (let n = from; n < Math.min(from + batch, ROWS + 1); n++) {
          const id = Buffer.from(seededIdHex(n), 'hex');
          rows.push([id, account, id, 1, n, new Date(BASE_MS + n)]);
        }
        await conn.query(
          'INSERT INTO entries (id, account_id, transfer_id, amount, balance_after, created_at) VALUES ?',
          [rows],
        );
      }
      await conn.query('ANALYZE TABLE entries');
    } finally {
      await conn.end();
    }
    const seeded = `  seeded ${ROWS} entries in ${((Date.now() - started) / 1000).toFixed(0)} s`;

    const page = async (name: string, depth: number): Promise<Result> => {
      const query = depth === 0 ? `limit=${LIMIT}` : `limit=${LIMIT}&cursor=${cursorAt(depth)}`;
      return withNon2xxAsErrors(
        await load(name, api.url, {
          connections: CONNECTIONS,
          duration,
          headers: { authorization: `Bearer ${holder.token}` },
          requests: [{ method: 'GET', path: `/v1/accounts/${holder.accountId}/entries?${query}` }],
        }),
      );
    };
    await page('warm-up', 0);
    const first = await page('entries page 1', 0);
    const deep = await page('entries page 1,000 (50,000 rows deep)', 50_000);
    const deeper = await page('entries page 10,000 (500,000 rows deep)', 500_000);
    return [
      report(
        `Keyset depth: GET /v1/accounts/:id/entries?limit=${LIMIT}, ${ROWS} entries in one account, ${CONNECTIONS} connections (goal: ratio ≈ 1)`,
        deep,
        first,
      ),
      report('  … and 10 times deeper', deeper, first),
      seeded,
    ];
  } finally {
    await api.stop();
  }
}
