import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { Connection } from 'mysql2/promise';
import { startApp, TestApp } from '../support/app';
import { adminEnv, Bank, expectLedgerBalanced, loginAdmin, newKey } from '../support/bank';
import { connectDb, uuidToBuffer } from '../support/db';
import { eventually } from '../support/outbox';
import { day, Stays } from '../support/stay';

const ROOT = join(__dirname, '..', '..');
const ROUTE = '/v1/admin/payments/reconciliation';
/** Days of their own (every suite of a run shares the database and pays today). */
const PAID_DAY = '2003-05-01';
const REFUND_DAY = '2003-05-02';
const OTHER_DAY = '2003-05-03';

interface Payment {
  id: string;
  status: string;
  amount: number;
  currency: string;
  providerRef: string;
  checkoutUrl: string;
  transferId: string | null;
  refundTransferId: string | null;
}

interface Mismatch {
  kind: string;
  paymentId: string | null;
  providerRef: string | null;
  expected: { amount: number; currency: string; transferId?: string } | null;
  actual: { amount: number; currency: string; transferId?: string } | null;
}

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

const byKindAndRef = (a: Mismatch, b: Mismatch) =>
  `${a.kind}/${a.providerRef}/${a.actual?.transferId}`.localeCompare(
    `${b.kind}/${b.providerRef}/${b.actual?.transferId}`,
  );

/**
 * The reconciliation of refunds (docs/payments.md "Reconciliation"): a payment paid one day and
 * refunded the next reconciles clean on both days (its charge line stays on its success day, its
 * refund has lines of its own at the provider, in Atrium and in the ledger); a late success
 * refunded reconciles clean with no ledger movement at all; and each mismatch kind is found for
 * refund lines (their money negative, seen from clearing).
 */
describe('Payments reconciliation: refunds', () => {
  let t: TestApp;
  let db: Connection;
  let bank: Bank;
  let stays: Stays;
  let adminToken: string;
  const env = adminEnv();

  beforeAll(async () => {
    [t, db] = await Promise.all([
      startApp({
        ...env,
        PAYMENT_PROVIDER: 'sandbox',
        SANDBOX_WEBHOOK_BACKOFF_MS: '100',
        QUEUE_BACKOFF_MS: '200',
      }),
      connectDb(),
    ]);
    adminToken = (await loginAdmin(t.http, env)).accessToken;
    bank = new Bank(t.http, adminToken);
    stays = new Stays(t.http, bank);
  });
  afterAll(async () => {
    await Promise.all([t?.close(), db?.end()]);
  });

  const reconciliation = async (date: string) => {
    const res = await t.http.get(`${ROUTE}?date=${date}`, { token: adminToken });
    expect(res.status).toBe(200);
    return res.body as {
      provider: unknown;
      payments: unknown;
      ledger: unknown;
      mismatches: Mismatch[];
    };
  };

  async function createPayment(token: string, body: Record<string, unknown>): Promise<Payment> {
    const res = await t.http.post('/v1/payments', body, {
      token,
      headers: { 'idempotency-key': newKey() },
    });
    if (res.status !== 201) throw new Error(`create payment failed: ${res.status} ${res.text}`);
    return res.body;
  }

  async function pay(payment: Payment): Promise<void> {
    const page = await fetch(payment.checkoutUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=pay',
    });
    expect(page.status).toBe(200);
  }

  function untilStatus(token: string, id: string, status: string): Promise<Payment> {
    return eventually(
      async () => {
        const res = await t.http.get(`/v1/payments/${id}`, { token });
        return res.status === 200 && res.body.status === status ? (res.body as Payment) : undefined;
      },
      20_000,
      `payment ${id} ${status}`,
    );
  }

  /** An order paid through the provider, then refunded by the stay (escrow → clearing) and the provider. */
  async function stayRefunded(from: number): Promise<Payment> {
    const { homestay } = await stays.host();
    const guest = await bank.user();
    const order = await stays.placed(guest.accessToken, homestay.id, day(from), day(from + 2));
    const payment = await createPayment(guest.accessToken, { purpose: 'order', orderId: order.id });
    await pay(payment);
    await untilStatus(guest.accessToken, payment.id, 'succeeded');
    expect((await stays.refund(guest.accessToken, order.id)).status).toBe(200);
    const refunded = await untilStatus(guest.accessToken, payment.id, 'refunded');
    expect(refunded.transferId).not.toBeNull();
    expect(refunded.refundTransferId).not.toBeNull();
    return refunded;
  }

  /** An order cancelled by its guest, then paid on the checkout page still open: a late success, refunded. */
  async function lateSuccessRefunded(from: number): Promise<Payment> {
    const { homestay } = await stays.host();
    const guest = await bank.user();
    const order = await stays.placed(guest.accessToken, homestay.id, day(from), day(from + 2));
    const payment = await createPayment(guest.accessToken, { purpose: 'order', orderId: order.id });
    expect((await stays.cancel(guest.accessToken, order.id)).status).toBe(200);
    await pay(payment);
    const refunded = await untilStatus(guest.accessToken, payment.id, 'refunded');
    expect(refunded).toMatchObject({ transferId: null, refundTransferId: null });
    return refunded;
  }

  const at = (date: string) => `${date} 12:00:00.000`;

  async function moveTransfer(transferId: string, date: string): Promise<void> {
    await db.query('UPDATE transfers SET created_at = ? WHERE id = ?', [
      at(date),
      uuidToBuffer(transferId),
    ]);
  }

  /** The charge's three records (provider settlement, payment success, clearing transfer) to `date`. */
  async function moveCharge(p: Payment, date: string): Promise<void> {
    await db.query('UPDATE sandbox_charges SET settled_at = ? WHERE provider_ref = ?', [
      at(date),
      p.providerRef,
    ]);
    await db.query('UPDATE payments SET succeeded_at = ? WHERE id = ?', [
      at(date),
      uuidToBuffer(p.id),
    ]);
    if (p.transferId) await moveTransfer(p.transferId, date);
  }

  /** The refund's three records (provider refund, payment refunded, transfer into clearing) to `date`. */
  async function moveRefund(p: Payment, date: string): Promise<void> {
    await db.query('UPDATE sandbox_charges SET refunded_at = ? WHERE provider_ref = ?', [
      at(date),
      p.providerRef,
    ]);
    await db.query('UPDATE payments SET refunded_at = ? WHERE id = ?', [
      at(date),
      uuidToBuffer(p.id),
    ]);
    if (p.refundTransferId) await moveTransfer(p.refundTransferId, date);
  }

  let a: Payment, b: Payment, d: Payment;

  it('paid on day 1, refunded on day 2 (a stay refund and a late success): both days reconcile clean', async () => {
    [a, b, d] = await Promise.all([stayRefunded(30), lateSuccessRefunded(40), stayRefunded(50)]);
    for (const p of [a, b, d]) {
      await moveCharge(p, PAID_DAY);
      await moveRefund(p, REFUND_DAY);
    }
    const amount = (p: Payment) => p.amount;
    expect(new Set([a, b, d].map((p) => p.currency))).toEqual(new Set(['EUR']));

    // Day 1: three charge lines at the provider and in Atrium, refunded since; the ledger has
    // the two that were applied (the late success never reached it).
    const paid = await reconciliation(PAID_DAY);
    expect(paid.mismatches).toEqual([]);
    const charges = { count: 3, amount: { EUR: amount(a) + amount(b) + amount(d) } };
    expect(paid.provider).toEqual(charges);
    expect(paid.payments).toEqual(charges);
    expect(paid.ledger).toEqual({ count: 2, amount: { EUR: amount(a) + amount(d) } });

    // Day 2: three refund lines (negative: money going back, seen from clearing); the ledger has
    // the two stay refunds (escrow → clearing).
    const refunds = await reconciliation(REFUND_DAY);
    expect(refunds.mismatches).toEqual([]);
    const back = { count: 3, amount: { EUR: -(amount(a) + amount(b) + amount(d)) } };
    expect(refunds.provider).toEqual(back);
    expect(refunds.payments).toEqual(back);
    expect(refunds.ledger).toEqual({ count: 2, amount: { EUR: -(amount(a) + amount(d)) } });

    // The sandbox's own report: the charge stays `succeeded` on its day, the refund is its own line.
    const report = async (date: string) =>
      (
        (await (await fetch(`${t.baseUrl}/sandbox/settlements?date=${date}`)).json()) as {
          items: Array<{ providerRef: string; status: string; settledAt: string }>;
        }
      ).items.filter((i) => i.providerRef === a.providerRef);
    expect(await report(PAID_DAY)).toEqual([
      expect.objectContaining({ status: 'succeeded', settledAt: `${PAID_DAY}T12:00:00.000Z` }),
    ]);
    expect(await report(REFUND_DAY)).toEqual([
      expect.objectContaining({ status: 'refunded', settledAt: `${REFUND_DAY}T12:00:00.000Z` }),
    ]);
  });

  it('each kind of mismatch is found for refund lines (endpoint and CLI, exit 1)', async () => {
    // missing_in_atrium (a refund: money negative): the provider refunded a top-up by itself (say, from its
    // dashboard); Atrium's payment is still succeeded.
    const user = await bank.user();
    const account = await bank.open(user.accessToken, 'USD');
    const topUp = await createPayment(user.accessToken, {
      purpose: 'top_up',
      accountId: account.id,
      amount: 321,
    });
    await pay(topUp);
    await untilStatus(user.accessToken, topUp.id, 'succeeded');
    await db.query(
      "UPDATE sandbox_charges SET status = 'refunded', refunded_at = ? WHERE provider_ref = ?",
      [at(REFUND_DAY), topUp.providerRef],
    );
    // missing_at_provider (a refund): a's refund happened at the provider on another day.
    await db.query('UPDATE sandbox_charges SET refunded_at = ? WHERE provider_ref = ?', [
      at(OTHER_DAY),
      a.providerRef,
    ]);
    // amount_mismatch (a refund): the provider gave back one cent more than b's payment.
    await db.query('UPDATE sandbox_charges SET amount = amount + 1 WHERE provider_ref = ?', [
      b.providerRef,
    ]);
    // ledger_mismatch (a refund): d is refunded in Atrium and at the provider, but its movement back
    // into clearing is not on that day.
    await moveTransfer(d.refundTransferId!, OTHER_DAY);

    const res = await reconciliation(REFUND_DAY);
    expect([...res.mismatches].sort(byKindAndRef)).toEqual(
      [
        {
          kind: 'missing_in_atrium',
          paymentId: topUp.id,
          providerRef: topUp.providerRef,
          expected: { amount: -321, currency: 'USD' },
          actual: null,
        },
        {
          kind: 'missing_at_provider',
          paymentId: a.id,
          providerRef: a.providerRef,
          expected: null,
          actual: { amount: -a.amount, currency: 'EUR' },
        },
        {
          kind: 'amount_mismatch',
          paymentId: b.id,
          providerRef: b.providerRef,
          expected: { amount: -(b.amount + 1), currency: 'EUR' },
          actual: { amount: -b.amount, currency: 'EUR' },
        },
        {
          kind: 'ledger_mismatch',
          paymentId: d.id,
          providerRef: d.providerRef,
          expected: { amount: -d.amount, currency: 'EUR' },
          actual: null,
        },
      ].sort(byKindAndRef),
    );
    // The other day sees the other halves: a's refund at the provider alone, d's movement alone.
    const other = await reconciliation(OTHER_DAY);
    expect([...other.mismatches].sort(byKindAndRef)).toEqual(
      [
        {
          kind: 'missing_in_atrium',
          paymentId: a.id,
          providerRef: a.providerRef,
          expected: { amount: -a.amount, currency: 'EUR' },
          actual: null,
        },
        {
          kind: 'ledger_mismatch',
          paymentId: null,
          providerRef: null,
          expected: null,
          actual: { amount: -d.amount, currency: 'EUR', transferId: d.refundTransferId! },
        },
      ].sort(byKindAndRef),
    );

    const cli = await runReconcile(REFUND_DAY);
    expect(cli.code).toBe(1);
    expect(JSON.parse(cli.stdout)).toEqual(res);

    // Only dates and a provider-side amount changed: the ledger itself still balances.
    await expectLedgerBalanced(db);
  });
});
