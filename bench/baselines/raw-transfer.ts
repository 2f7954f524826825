import { randomBytes } from 'node:crypto';
import { createPool, PoolConnection, RowDataPacket } from 'mysql2/promise';

/**
 * The baseline for POST /v1/transfers: the same transaction the ledger runs (READ COMMITTED;
 * lock both accounts in id order; 2 balance UPDATEs; INSERT transfer; INSERT 2 entries in one
 * statement; INSERT outbox row; COMMIT), written directly against mysql2/promise with no HTTP,
 * auth, validation or ORM. WORKERS concurrent loops (default 32) over random pairs of the
 * funded accounts for DURATION seconds; deadlocks / lock-wait timeouts are retried.
 * Env: DB_HOST, DB_PORT, DB_USER, DB_PASSWORD, DB_NAME, DURATION, ACCOUNT_IDS (JSON array of
 * UUID strings). Prints {reqPerSec, p50, p99, errors} as JSON.
 */

/** UUIDv7: 48-bit Unix milliseconds, then random bits (same layout as src/domain/shared/uuid). */
function uuidv7(nowMs: number): Buffer {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(nowMs, 0, 6);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return bytes;
}

function toUuid(buf: Buffer): string {
  const h = buf.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);
const MAX_ATTEMPTS = 8;

interface AccountRow extends RowDataPacket {
  id: Buffer;
  balance: number | string;
}

async function transferOnce(
  conn: PoolConnection,
  fromId: Buffer,
  toId: Buffer,
  amount: number,
): Promise<void> {
  await conn.query('START TRANSACTION');
  try {
    const ids = [fromId, toId].sort(Buffer.compare);
    const [rows] = await conn.query<AccountRow[]>(
      'SELECT id, balance FROM accounts WHERE id IN (?, ?) ORDER BY id FOR UPDATE',
      ids,
    );
    const from = rows.find((r) => r.id.equals(fromId));
    const to = rows.find((r) => r.id.equals(toId));
    if (!from || !to) throw new Error('account not found');
    const fromBalance = Number(from.balance) - amount;
    const toBalance = Number(to.balance) + amount;
    if (fromBalance < 0) throw new Error('insufficient funds');
    await conn.query('UPDATE accounts SET balance = ? WHERE id = ?', [fromBalance, fromId]);
    await conn.query('UPDATE accounts SET balance = ? WHERE id = ?', [toBalance, toId]);
    const now = new Date();
    const ts = now.getTime();
    const transferId = uuidv7(ts);
    await conn.query(
      'INSERT INTO transfers (id, from_account_id, to_account_id, amount, currency, note, kind, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [transferId, fromId, toId, amount, 'USD', null, 'transfer', now],
    );
    await conn.query(
      'INSERT INTO entries (id, account_id, transfer_id, amount, balance_after, created_at) VALUES (?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?)',
      [
        uuidv7(ts),
        fromId,
        transferId,
        -amount,
        fromBalance,
        now,
        uuidv7(ts),
        toId,
        transferId,
        amount,
        toBalance,
        now,
      ],
    );
    const payload = {
      transferId: toUuid(transferId),
      fromAccountId: toUuid(fromId),
      toAccountId: toUuid(toId),
      amount,
      currency: 'USD',
      kind: 'transfer',
    };
    await conn.query(
      'INSERT INTO outbox (id, type, aggregate_id, payload, occurred_at) VALUES (?, ?, ?, ?, ?)',
      [uuidv7(ts), 'bank.money-transferred', transferId, JSON.stringify(payload), now],
    );
    await conn.query('COMMIT');
  } catch (err) {
    await conn.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

async function main(): Promise<void> {
  const seconds = Number(process.env.DURATION ?? 10);
  const workers = Number(process.env.WORKERS ?? 32);
  const accounts = (JSON.parse(process.env.ACCOUNT_IDS ?? '[]') as string[]).map((id) =>
    Buffer.from(id.replace(/-/g, ''), 'hex'),
  );
  if (accounts.length < 2) throw new Error('ACCOUNT_IDS needs at least 2 accounts');
  const pool = createPool({
    host: process.env.DB_HOST ?? '127.0.0.1',
    port: Number(process.env.DB_PORT ?? 3306),
    user: process.env.DB_USER,
    password: process.env.DB_PASSWORD,
    database: process.env.DB_NAME,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    supportBigNumbers: true,
    trace: false, // as the app's pool
    connectionLimit: workers,
  });

  const latencies: number[] = [];
  let errors = 0;
  let retries = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      const conn = await pool.getConnection();
      try {
        // Same isolation level as the app's unit of work.
        await conn.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
        while (Date.now() < end) {
          const i = Math.floor(Math.random() * accounts.length);
          let j = Math.floor(Math.random() * (accounts.length - 1));
          if (j >= i) j++;
          const amount = 1 + Math.floor(Math.random() * 100);
          const started = performance.now();
          for (let attempt = 1; ; attempt++) {
            try {
              await transferOnce(conn, accounts[i], accounts[j], amount);
              latencies.push(performance.now() - started);
              break;
            } catch (err) {
              const code = (err as { code?: string }).code;
              if (code && RETRYABLE.has(code) && attempt < MAX_ATTEMPTS) {
                retries++;
                await new Promise((r) =>
                  setTimeout(r, Math.random() * Math.min(200, 5 * 2 ** attempt)),
                );
                continue;
              }
              errors++;
              process.stderr.write(`raw-transfer: ${(err as Error).message}\n`);
              break;
            }
          }
        }
      } finally {
        conn.release();
      }
    }),
  );
  await pool.end();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies.length
      ? Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))])
      : 0;
  process.stdout.write(
    JSON.stringify({
      reqPerSec: latencies.length / seconds,
      p50: pct(0.5),
      p99: pct(0.99),
      errors,
      retries,
    }),
  );
}

main().catch((err: Error) => {
  console.error(err);
  process.exit(1);
});
