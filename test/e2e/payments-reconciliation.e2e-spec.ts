import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { Connection } from 'mysql2/promise';
import { startApp, TestApp } from '../support/app';
import { adminEnv, Bank, expectLedgerBalanced, loginAdmin, newKey } from '../support/bank';
import { connectDb } from '../support/db';
import { expectProblem, RegisteredUser } from '../support/factories';
import { eventually, metricValue } from '../support/outbox';

const ROOT = join(__dirname, '..', '..');
const ROUTE = '/v1/admin/payments/reconciliation';
/** A day of its own: every suite of the run shares the database, and they all pay today. */
const DAY = '2003-04-05';
const OTHER_DAY = '2003-04-04';
const RECONCILIATION_KEYS = ['date', 'ledger', 'mismatches', 'payments', 'provider'];

interface Paid {
  id: string;
  providerRef: string;
  amount: number;
  currency: string;
  transferId: string;
}

/** `npm run payments:reconcile -- --date=…` against the run's database. */
function runReconcile(date: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, 'dist', 'cli', 'payments-reconcile.js'), `--date=${date}`],
      { cwd: ROOT, env: { ...process.env, PAYMENT_PROVIDER: 'sandbox' }, encoding: 'utf8' },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr }),
    );
  });
}

function yesterday(): string {
  return new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
}

describe('Payments reconciliation (provider, payments, ledger)', () => {
  let t: TestApp;
  let db: Connection;
  let bank: Bank;
  let adminToken: string;
  let user: RegisteredUser;
  let accountId: string;
  const env = adminEnv();

  beforeAll(async () => {
    [t, db] = await Promise.all([
      startApp({
        ...env,
        PAYMENT_PROVIDER: 'sandbox',
        SANDBOX_WEBHOOK_BACKOFF_MS: '100',
        PAYMENT_RECONCILE_INTERVAL_SECONDS: '1',
      }),
      connectDb(),
    ]);
    adminToken = (await loginAdmin(t.http, env)).accessToken;
    bank = new Bank(t.http, adminToken);
    user = await bank.user();
    accountId = (await bank.open(user.accessToken, 'USD')).id;
  });
  afterAll(async () => {
    await Promise.all([t?.close(), db?.end()]);
  });

  async function topUp(
    amount: number,
  ): Promise<{ id: string; providerRef: string; checkoutUrl: string }> {
    const res = await t.http.post(
      '/v1/payments',
      { purpose: 'top_up', accountId, amount },
      { token: user.accessToken, headers: { 'idempotency-key': newKey() } },
    );
    if (res.status !== 201) throw new Error(`create payment failed: ${res.status} ${res.text}`);
    return res.body;
  }

  /** A top-up paid on the sandbox's page, its webhook applied. */
  async function paidTopUp(amount: number): Promise<Paid> {
    const payment = await topUp(amount);
    const page = await fetch(payment.checkoutUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=pay',
    });
    expect(page.status).toBe(200);
    return eventually(
      async () => {
        const res = await t.http.get(`/v1/payments/${payment.id}`, { token: user.accessToken });
        return res.body.status === 'succeeded' ? (res.body as Paid) : undefined;
      },
      20_000,
      `payment ${payment.id} succeeded`,
    );
  }

  /** Moves a payment's three records (provider charge, payment, clearing transfer) to `day`. */
  async function moveToDay(
    p: { id: string; providerRef: string; transferId?: string | null },
    day: string,
    what: Array<'charge' | 'payment' | 'transfer'> = ['charge', 'payment', 'transfer'],
  ): Promise<void> {
    const at = `${day} 12:00:00.000`;
    if (what.includes('charge'))
      await db.query('UPDATE sandbox_charges SET settled_at = ? WHERE provider_ref = ?', [
        at,
        p.providerRef,
      ]);
    if (what.includes('payment'))
      await db.query('UPDATE payments SET succeeded_at = ? WHERE provider_ref = ?', [
        at,
        p.providerRef,
      ]);
    if (what.includes('transfer') && p.transferId)
      await db.query('UPDATE transfers SET created_at = ? WHERE id = UNHEX(REPLACE(?, "-", ""))', [
        at,
        p.transferId,
      ]);
  }

  const reconciliation = (date: string, token = adminToken) =>
    t.http.get(`${ROUTE}?date=${date}`, { token });

  const money = (p: { amount: number; currency: string }) => ({
    amount: p.amount,
    currency: p.currency,
  });
  const byKindAndRef = (a: { kind: string; providerRef: string | null }, b: typeof a) =>
    `${a.kind}/${a.providerRef}`.localeCompare(`${b.kind}/${b.providerRef}`);

  let p1: Paid, p2: Paid, p3: Paid;

  it('admin only: 401 without a token, 403 for a user, 400 on a bad date', async () => {
    expectProblem(await t.http.get(`${ROUTE}?date=${DAY}`), 401, 'UNAUTHENTICATED');
    expectProblem(await reconciliation(DAY, user.accessToken), 403, 'FORBIDDEN');
    for (const bad of ['2003-02-30', '2003-4-5', 'yesterday', ''])
      expectProblem(await reconciliation(bad), 400, 'VALIDATION_FAILED');
    expectProblem(await t.http.get(ROUTE, { token: adminToken }), 400, 'VALIDATION_FAILED');
  });

  it('a clean day: no mismatches, the three totals equal (endpoint and CLI, exit 0)', async () => {
    [p1, p2, p3] = await Promise.all([paidTopUp(1000), paidTopUp(2500), paidTopUp(700)]);
    for (const p of [p1, p2, p3]) await moveToDay(p, DAY);

    const res = await reconciliation(DAY);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(RECONCILIATION_KEYS);
    const totals = { count: 3, amount: { USD: 4200 } };
    expect(res.body).toEqual({
      date: DAY,
      provider: totals,
      payments: totals,
      ledger: totals,
      mismatches: [],
    });

    const cli = await runReconcile(DAY);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout)).toEqual(res.body);
  });

  it('each kind of mismatch is found (endpoint and CLI, exit 1)', async () => {
    // missing_in_atrium: the provider settled a charge whose webhook never arrived.
    const lost = await topUp(300);
    await db.query(
      "UPDATE sandbox_charges SET status = 'succeeded', settled_at = ? WHERE provider_ref = ?",
      [`${DAY} 13:00:00.000`, lost.providerRef],
    );
    // missing_at_provider: p1 succeeded in Atrium (and in the ledger), the provider settled it
    // on another day.
    await moveToDay(p1, OTHER_DAY, ['charge']);
    // amount_mismatch: the provider settled one more cent than Atrium applied.
    await db.query('UPDATE sandbox_charges SET amount = amount + 1 WHERE provider_ref = ?', [
      p2.providerRef,
    ]);
    // ledger_mismatch: p3's clearing transfer is not on that day.
    await moveToDay(p3, OTHER_DAY, ['transfer']);

    const res = await reconciliation(DAY);
    expect(res.status).toBe(200);
    expect(res.body.provider).toEqual({ count: 3, amount: { USD: 2501 + 700 + 300 } });
    expect(res.body.payments).toEqual({ count: 3, amount: { USD: 4200 } });
    expect(res.body.ledger).toEqual({ count: 2, amount: { USD: 3500 } });
    expect([...res.body.mismatches].sort(byKindAndRef)).toEqual(
      [
        {
          kind: 'missing_in_atrium',
          paymentId: lost.id,
          providerRef: lost.providerRef,
          expected: { amount: 300, currency: 'USD' },
          actual: null,
        },
        {
          kind: 'missing_at_provider',
          paymentId: p1.id,
          providerRef: p1.providerRef,
          expected: null,
          actual: money(p1),
        },
        {
          kind: 'amount_mismatch',
          paymentId: p2.id,
          providerRef: p2.providerRef,
          expected: { amount: 2501, currency: 'USD' },
          actual: money(p2),
        },
        {
          kind: 'ledger_mismatch',
          paymentId: p3.id,
          providerRef: p3.providerRef,
          expected: money(p3),
          actual: null,
        },
      ].sort(byKindAndRef),
    );
    // The other day sees the other halves: p1's charge without a payment, p3's transfer alone.
    const other = await reconciliation(OTHER_DAY);
    expect([...other.body.mismatches].sort(byKindAndRef)).toEqual([
      {
        kind: 'ledger_mismatch',
        paymentId: null,
        providerRef: null,
        expected: null,
        actual: { amount: 700, currency: 'USD', transferId: p3.transferId },
      },
      {
        kind: 'missing_in_atrium',
        paymentId: p1.id,
        providerRef: p1.providerRef,
        expected: money(p1),
        actual: null,
      },
    ]);

    const cli = await runReconcile(DAY);
    expect(cli.code).toBe(1);
    expect(JSON.parse(cli.stdout)).toEqual(res.body);
    const bad = await runReconcile('2003-02-30');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('date must be a UTC day');

    // Only dates moved: the money itself is consistent.
    await expectLedgerBalanced(db);
  });

  it('the daily job reconciles yesterday and sets payments_reconciliation_mismatches', async () => {
    // The day's records (not those moved to the other day) become yesterday's.
    const day = yesterday();
    const lost = (await reconciliation(DAY)).body.mismatches.find(
      (m: { kind: string }) => m.kind === 'missing_in_atrium',
    );
    await moveToDay({ id: lost.paymentId, providerRef: lost.providerRef }, day, ['charge']);
    await moveToDay(p1, day, ['payment', 'transfer']);
    await moveToDay(p2, day);
    await moveToDay(p3, day, ['charge', 'payment']);
    expect((await reconciliation(DAY)).body.mismatches).toEqual([]);

    const res = await reconciliation(day);
    expect(res.body.mismatches.map((m: { kind: string }) => m.kind).sort()).toEqual(
      expect.arrayContaining([
        'amount_mismatch',
        'ledger_mismatch',
        'missing_at_provider',
        'missing_in_atrium',
      ]),
    );
    // The job (every second here) reconciles yesterday; the gauge shows what the endpoint finds.
    const expected = res.body.mismatches.length;
    await eventually(
      async () => {
        const metrics = await t.http.get('/metrics');
        const value = metricValue(metrics.text, 'payments_reconciliation_mismatches');
        return value === expected ? value : undefined;
      },
      15_000,
      `payments_reconciliation_mismatches = ${expected}`,
    );
    const metrics = await t.http.get('/metrics');
    expect(metrics.text).toContain('# TYPE payments_reconciliation_mismatches gauge');
  });
});
