import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Connection } from 'mysql2/promise';
import type { HttpClient, HttpResponse } from './app';
import { uuidToBuffer } from './db';
import { PASSWORD, registerAndLogin, RegisteredUser, uniqueName } from './factories';

const ROOT = join(__dirname, '..', '..');

export type Currency = 'USD' | 'EUR' | 'CNY';

/** The system accounts' fixed ids by role (created by the bank migrations). */
export const SYSTEM_ACCOUNT_IDS: Record<
  'cash' | 'escrow' | 'revenue' | 'clearing',
  Record<Currency, string>
> = {
  cash: {
    USD: '00000000-0000-7000-8000-000000000001',
    EUR: '00000000-0000-7000-8000-000000000002',
    CNY: '00000000-0000-7000-8000-000000000003',
  },
  escrow: {
    USD: '00000000-0000-7000-8000-000000000011',
    EUR: '00000000-0000-7000-8000-000000000012',
    CNY: '00000000-0000-7000-8000-000000000013',
  },
  revenue: {
    USD: '00000000-0000-7000-8000-000000000021',
    EUR: '00000000-0000-7000-8000-000000000022',
    CNY: '00000000-0000-7000-8000-000000000023',
  },
  clearing: {
    USD: '00000000-0000-7000-8000-000000000031',
    EUR: '00000000-0000-7000-8000-000000000032',
    CNY: '00000000-0000-7000-8000-000000000033',
  },
};

export const ACCOUNT_KEYS = ['balance', 'createdAt', 'currency', 'id', 'ownerId'];
export const TRANSFER_KEYS = [
  'amount',
  'createdAt',
  'currency',
  'fromAccountId',
  'id',
  'kind',
  'note',
  'toAccountId',
];
export const ENTRY_KEYS = ['accountId', 'amount', 'balanceAfter', 'createdAt', 'id', 'transferId'];

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Environment that makes the app create (or promote) an admin at start. */
export function adminEnv(): { ADMIN_EMAIL: string; ADMIN_PASSWORD: string } {
  return { ADMIN_EMAIL: `${uniqueName('admin')}@bank.test`, ADMIN_PASSWORD: 'Admin12345' };
}

export async function loginAdmin(
  http: HttpClient,
  env: { ADMIN_EMAIL: string; ADMIN_PASSWORD: string },
): Promise<{ id: string; accessToken: string }> {
  const res = await http.post('/v1/auth/login', {
    login: env.ADMIN_EMAIL,
    password: env.ADMIN_PASSWORD,
  });
  if (res.status !== 200) throw new Error(`admin login failed: ${res.status} ${res.text}`);
  if (res.body.user?.role !== 'admin') throw new Error(`not an admin: ${res.text}`);
  return { id: res.body.user.id, accessToken: res.body.accessToken };
}

export interface Account {
  id: string;
  ownerId: string;
  currency: Currency;
  balance: number;
  createdAt: string;
}

/** A bank client bound to one app and its admin. */
export class Bank {
  constructor(
    readonly http: HttpClient,
    readonly adminToken: string,
  ) {}

  async user(): Promise<RegisteredUser> {
    return registerAndLogin(this.http, { password: PASSWORD });
  }

  async open(token: string, currency: Currency): Promise<Account> {
    const res = await this.http.post('/v1/accounts', { currency }, { token });
    if (res.status !== 201) throw new Error(`open account failed: ${res.status} ${res.text}`);
    return res.body;
  }

  deposit(accountId: string, amount: unknown, key?: string): Promise<HttpResponse> {
    return this.http.post(
      `/v1/accounts/${accountId}/deposits`,
      amount === undefined ? {} : { amount },
      {
        token: this.adminToken,
        headers: key ? { 'idempotency-key': key } : {},
      },
    );
  }

  async fund(accountId: string, amount: number): Promise<void> {
    const res = await this.deposit(accountId, amount);
    if (res.status !== 201) throw new Error(`deposit failed: ${res.status} ${res.text}`);
  }

  /** A user with one funded account per given currency. */
  async userWithAccounts(
    funding: Partial<Record<Currency, number>>,
  ): Promise<{ user: RegisteredUser; acc: Partial<Record<Currency, Account>> }> {
    const user = await this.user();
    const acc: Partial<Record<Currency, Account>> = {};
    for (const [currency, amount] of Object.entries(funding) as Array<[Currency, number]>) {
      acc[currency] = await this.open(user.accessToken, currency);
      if (amount > 0) await this.fund(acc[currency]!.id, amount);
    }
    return { user, acc };
  }

  transfer(token: string, body: Record<string, unknown>, key?: string): Promise<HttpResponse> {
    return this.http.post('/v1/transfers', body, {
      token,
      headers: key ? { 'idempotency-key': key } : {},
    });
  }

  async balance(token: string, accountId: string): Promise<number> {
    const res = await this.http.get(`/v1/accounts/${accountId}`, { token });
    if (res.status !== 200) throw new Error(`get account failed: ${res.status} ${res.text}`);
    return res.body.balance;
  }

  async allEntries(token: string, accountId: string): Promise<any[]> {
    const res = await this.http.get(`/v1/accounts/${accountId}/entries?limit=100`, { token });
    if (res.status !== 200) throw new Error(`entries failed: ${res.status} ${res.text}`);
    return res.body.items;
  }
}

export function newKey(prefix = 'k'): string {
  return `${prefix}-${randomBytes(12).toString('hex')}`;
}

export function uniqueNote(prefix = 'n'): string {
  return `${prefix}-${randomBytes(8).toString('hex')}`;
}

// ─────────────────────────────────────────────── idempotency internals ──

// The scope and request hashes are the server's own: src/infrastructure/http/idempotency/request-fingerprint.ts.

/** Writes an in-progress idempotency claim as a process that then crashed would have left it. */
export async function insertClaim(
  db: Connection,
  scope: Buffer,
  request: Buffer,
  lockedUntil: Date,
): Promise<void> {
  const now = new Date();
  await db.query(
    `INSERT INTO idempotency_keys (scope_hash, request_hash, state, lock_token, locked_until, created_at, expires_at)
     VALUES (?, ?, 'in_progress', ?, ?, ?, ?)`,
    [scope, request, randomBytes(16), lockedUntil, now, new Date(now.getTime() + 24 * 3600_000)],
  );
}

// ─────────────────────────────────────────────── database assertions ──

export async function scalar(db: Connection, sql: string, params: unknown[] = []): Promise<number> {
  const [rows] = await db.query(sql, params);
  const row = (rows as Array<Record<string, unknown>>)[0];
  return Number(Object.values(row)[0]);
}

/** A system account's balance, read from the database (no user can see it through the API). */
export async function systemBalance(db: Connection, accountId: string): Promise<number> {
  return scalar(db, 'SELECT balance FROM accounts WHERE id = ?', [uuidToBuffer(accountId)]);
}

export async function transfersWithNote(db: Connection, note: string): Promise<string[]> {
  const [rows] = await db.query(
    'SELECT LOWER(HEX(id)) AS id FROM transfers WHERE note = ? ORDER BY id',
    [note],
  );
  return (rows as Array<{ id: string }>).map((r) => hexToUuid(r.id));
}

export async function outboxRowsFor(
  db: Connection,
  transferId: string,
): Promise<Array<{ type: string; payload: any }>> {
  const [rows] = await db.query('SELECT type, payload FROM outbox WHERE aggregate_id = ?', [
    uuidToBuffer(transferId),
  ]);
  return (rows as Array<{ type: string; payload: unknown }>).map((r) => ({
    type: r.type,
    payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
  }));
}

export function hexToUuid(hex: string): string {
  const h = hex.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** `npm run ledger:check` against the run's database. */
export function runLedgerCheck(): { code: number; output: string } {
  try {
    const out = execFileSync(process.execPath, [join(ROOT, 'dist', 'cli', 'ledger-check.js')], {
      cwd: ROOT,
      env: process.env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { code: 0, output: out };
  } catch (err) {
    const e = err as { status?: number; stdout?: string; stderr?: string };
    return { code: e.status ?? -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** What `ledger:check` reports when every invariant holds. */
export interface LedgerReport {
  accounts: number;
  transfers: number;
  entries: number;
  /** Sum of all balances per currency (system cash accounts included). */
  perCurrency: Record<string, bigint>;
}

const LEDGER_OK =
  /^ledger:check OK \((\d+) accounts, (\d+) transfers, (\d+) entries; per currency: ([^)]*)\)$/m;

/** The OK line of a `ledger:check` output, parsed; null when there is none. */
export function parseLedgerReport(output: string): LedgerReport | null {
  const m = LEDGER_OK.exec(output);
  if (!m) return null;
  const perCurrency: Record<string, bigint> = {};
  for (const part of m[4].split(', ')) {
    const [currency, total] = part.split(' ');
    perCurrency[currency] = BigInt(total);
  }
  return { accounts: Number(m[1]), transfers: Number(m[2]), entries: Number(m[3]), perCurrency };
}

/**
 * Runs `ledger:check` and asserts its report, not only its exit code: "OK", the counts of
 * what is in the database right now (two entries per transfer), every currency summing to 0.
 * Call it when no request is in flight. Returns the report for further checks.
 */
export async function expectLedgerBalanced(db: Connection): Promise<LedgerReport> {
  const check = runLedgerCheck();
  expect(check).toEqual({ code: 0, output: expect.stringMatching(LEDGER_OK) });
  const report = parseLedgerReport(check.output)!;
  const [[counts]] = (await db.query(
    `SELECT (SELECT COUNT(*) FROM accounts) AS accounts, (SELECT COUNT(*) FROM transfers) AS transfers,
            (SELECT COUNT(*) FROM entries) AS entries`,
  )) as any;
  const transfers = Number(counts.transfers);
  expect(report).toEqual({
    accounts: Number(counts.accounts),
    transfers,
    entries: 2 * transfers,
    perCurrency: { USD: 0n, EUR: 0n, CNY: 0n },
  });
  return report;
}

// ─────────────────────────────────────────────── concurrency ──

/** Runs `count` tasks with at most `concurrency` in flight (a worker pool looping over a shared index). */
export async function pool<T>(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<T>,
): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const i = next++;
      if (i >= count) return;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

export function tally(statuses: Array<{ status: number; body: any }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of statuses) {
    const k = r.status >= 400 ? `${r.status} ${r.body?.code}` : String(r.status);
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}
