import type { Connection } from 'mysql2/promise';
import { HttpResponse, startApp, TestApp } from '../support/app';
import {
  adminEnv,
  Bank,
  Currency,
  expectLedgerBalanced,
  hexToUuid,
  loginAdmin,
  newKey,
  SYSTEM_ACCOUNT_IDS,
  systemBalance,
  UUID,
} from '../support/bank';
import { Content } from '../support/content';
import { connectDb, uuidToBuffer } from '../support/db';
import { expectProblem, RegisteredUser } from '../support/factories';
import { eventually, metricValue } from '../support/outbox';
import { checkInCodeFromMail, day, Order, Stays } from '../support/stay';

const SECRET = 'e2e-payment-webhook-secret-0123456789';

interface Payment {
  id: string;
  payerId: string;
  purpose: string;
  status: string;
  amount: number;
  currency: Currency;
  providerRef: string;
  checkoutUrl: string;
  accountId: string | null;
  orderId: string | null;
  articleId: string | null;
  transferId: string | null;
  refundTransferId: string | null;
  failureReason: string | null;
}

interface TransferRow {
  id: string;
  kind: string;
  from: string;
  to: string;
  amount: number;
  currency: string;
}

/**
 * Payments with purpose order through the sandbox provider (API.md "Payments"): the order paid
 * from clearing into escrow as a balance payment would be, a success that arrives too late
 * refunded by the provider with no ledger movement, a stay refund sent back through clearing
 * and the provider, and a provider that is down while a refund is pending.
 */
describe('Payments: orders through the sandbox provider, and refunds', () => {
  let t: TestApp;
  let db: Connection;
  let bank: Bank;
  let stays: Stays;
  const env = adminEnv();
  const appEnv = {
    ...env,
    PAYMENT_PROVIDER: 'sandbox',
    PAYMENT_WEBHOOK_SECRET: SECRET,
    SANDBOX_WEBHOOK_BACKOFF_MS: '100',
    QUEUE_BACKOFF_MS: '200',
  };

  beforeAll(async () => {
    [t, db] = await Promise.all([startApp(appEnv), connectDb()]);
    const admin = await loginAdmin(t.http, env);
    bank = new Bank(t.http, admin.accessToken);
    stays = new Stays(t.http, bank);
  });
  afterAll(async () => {
    await Promise.all([t?.close(), db?.end()]);
  });

  function createPayment(
    app: TestApp,
    token: string,
    body: Record<string, unknown>,
  ): Promise<HttpResponse> {
    return app.http.post('/v1/payments', body, {
      token,
      headers: { 'idempotency-key': newKey() },
    });
  }

  async function orderPayment(app: TestApp, token: string, orderId: string): Promise<Payment> {
    const res = await createPayment(app, token, { purpose: 'order', orderId });
    if (res.status !== 201) throw new Error(`create payment failed: ${res.status} ${res.text}`);
    return res.body;
  }

  /** The payer opens the checkout page and clicks Pay (the browser posts the form). */
  async function payOnCheckout(payment: Payment): Promise<void> {
    const page = await fetch(payment.checkoutUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('name="action" value="pay"');
    const paid = await fetch(payment.checkoutUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=pay',
    });
    expect(paid.status).toBe(200);
    expect(await paid.text()).toContain('Payment succeeded');
  }

  function untilStatus(app: TestApp, token: string, id: string, status: string): Promise<Payment> {
    return eventually(
      async () => {
        const res = await app.http.get(`/v1/payments/${id}`, { token });
        return res.status === 200 && res.body.status === status ? (res.body as Payment) : undefined;
      },
      20_000,
      `payment ${id} ${status}`,
    );
  }

  async function transfer(id: string): Promise<TransferRow> {
    const [rows] = await db.query(
      `SELECT LOWER(HEX(from_account_id)) AS f, LOWER(HEX(to_account_id)) AS t, kind, amount,
         currency FROM transfers WHERE id = ?`,
      [uuidToBuffer(id)],
    );
    const [r] = rows as Array<{
      f: string;
      t: string;
      kind: string;
      amount: string;
      currency: string;
    }>;
    return {
      id,
      kind: r.kind,
      from: hexToUuid(r.f),
      to: hexToUuid(r.t),
      amount: Number(r.amount),
      currency: r.currency,
    };
  }

  /** Ids of every transfer noted for this order (`order <id>`). */
  async function orderTransfers(orderId: string): Promise<string[]> {
    const [rows] = await db.query(
      'SELECT LOWER(HEX(id)) AS id FROM transfers WHERE note = ? ORDER BY id',
      [`order ${orderId}`],
    );
    return (rows as Array<{ id: string }>).map((r) => hexToUuid(r.id));
  }

  async function chargeStatus(providerRef: string): Promise<string> {
    const [rows] = await db.query('SELECT status FROM sandbox_charges WHERE provider_ref = ?', [
      providerRef,
    ]);
    return (rows as Array<{ status: string }>)[0].status;
  }

  /** A guest with no account at all (the provider pays), and an order of theirs awaiting payment. */
  async function pendingOrder(
    s: Stays,
    from = 5,
  ): Promise<{ guest: RegisteredUser; order: Order }> {
    const { homestay } = await s.host();
    const guest = await s.bank.user();
    const order = await s.placed(guest.accessToken, homestay.id, day(from), day(from + 3));
    return { guest, order };
  }

  it('an order paid on the sandbox checkout: clearing → escrow (payment), the order paid, the check-in code mailed', async () => {
    const clearing = SYSTEM_ACCOUNT_IDS.clearing.EUR;
    const escrow = SYSTEM_ACCOUNT_IDS.escrow.EUR;
    const [clearingBefore, escrowBefore] = [
      await systemBalance(db, clearing),
      await systemBalance(db, escrow),
    ];
    const { guest, order } = await pendingOrder(stays);
    const created = await createPayment(t, guest.accessToken, {
      purpose: 'order',
      orderId: order.id,
    });
    expect(created.status).toBe(201);
    const payment: Payment = created.body;
    expect(payment).toMatchObject({
      payerId: guest.id,
      purpose: 'order',
      status: 'requires_action',
      amount: order.amount,
      currency: order.currency,
      orderId: order.id,
      accountId: null,
      articleId: null,
      transferId: null,
    });

    await payOnCheckout(payment);
    const succeeded = await untilStatus(t, guest.accessToken, payment.id, 'succeeded');
    expect(succeeded.transferId).toMatch(UUID);
    expect(await transfer(succeeded.transferId!)).toEqual({
      id: succeeded.transferId,
      kind: 'payment',
      from: clearing,
      to: escrow,
      amount: order.amount,
      currency: 'EUR',
    });
    const paid = await stays.get(guest.accessToken, order.id);
    expect(paid).toMatchObject({ status: 'paid', transferId: succeeded.transferId });
    expect(await orderTransfers(order.id)).toEqual([succeeded.transferId]);
    expect(await systemBalance(db, clearing)).toBe(clearingBefore - order.amount);
    expect(await systemBalance(db, escrow)).toBe(escrowBefore + order.amount);

    // The guest's confirmation carries the check-in code, as for a balance payment.
    const code = await checkInCodeFromMail(guest.email, order.id);
    expect(code).toMatch(/^\d{6}$/);

    // Paid now: a second payment for it is refused before the provider is asked.
    expectProblem(
      await createPayment(t, guest.accessToken, { purpose: 'order', orderId: order.id }),
      409,
      'ORDER_NOT_PAYABLE',
    );
  });

  it("someone else's order is 404 (the host's included)", async () => {
    const { homestay, user: host } = await stays.host();
    const guest = await bank.user();
    const order = await stays.placed(guest.accessToken, homestay.id, day(20), day(22));
    const stranger = await bank.user();
    for (const who of [stranger, host])
      expectProblem(
        await createPayment(t, who.accessToken, { purpose: 'order', orderId: order.id }),
        404,
        'NOT_FOUND',
      );
  });

  it('a stay refund of a provider-paid order: escrow → clearing (refund), the payment refund_pending then refunded by the provider', async () => {
    const clearing = SYSTEM_ACCOUNT_IDS.clearing.EUR;
    const { guest, order } = await pendingOrder(stays, 9);
    const payment = await orderPayment(t, guest.accessToken, order.id);
    await payOnCheckout(payment);
    const succeeded = await untilStatus(t, guest.accessToken, payment.id, 'succeeded');
    const clearingPaid = await systemBalance(db, clearing);

    const refund = await stays.refund(guest.accessToken, order.id);
    expect(refund.status).toBe(200);
    expect(refund.body.status).toBe('refunded');
    const refundTransferId: string = refund.body.refundTransferId;
    expect(await transfer(refundTransferId)).toEqual({
      id: refundTransferId,
      kind: 'refund',
      from: SYSTEM_ACCOUNT_IDS.escrow.EUR,
      to: clearing,
      amount: order.amount,
      currency: 'EUR',
    });
    expect(await systemBalance(db, clearing)).toBe(clearingPaid + order.amount);

    const refunded = await untilStatus(t, guest.accessToken, payment.id, 'refunded');
    expect(refunded).toMatchObject({
      transferId: succeeded.transferId,
      refundTransferId,
    });
    expect(await chargeStatus(payment.providerRef)).toBe('refunded');
    expect(await orderTransfers(order.id)).toEqual([succeeded.transferId, refundTransferId]);
  });

  it('a success that arrives after the deadline cancelled the order: refund_pending, then refunded; no money moves', async () => {
    // An instance whose orders must be paid within 2 s (the same database and queues).
    const quick = await startApp({ ...appEnv, ORDER_PAYMENT_TIMEOUT_SECONDS: '2' });
    try {
      const admin = await loginAdmin(quick.http, env);
      const quickStays = new Stays(quick.http, new Bank(quick.http, admin.accessToken));
      const { guest, order } = await pendingOrder(quickStays, 12);
      const payment = await orderPayment(quick, guest.accessToken, order.id);
      const cancelled = await eventually(
        async () => {
          const o = await quickStays.get(guest.accessToken, order.id);
          return o.status === 'cancelled' ? o : undefined;
        },
        15_000,
        `order ${order.id} cancelled by its deadline`,
      );
      expect(cancelled.cancelReason).toBe('payment_timeout');
      const [clearingBefore, escrowBefore] = [
        await systemBalance(db, SYSTEM_ACCOUNT_IDS.clearing.EUR),
        await systemBalance(db, SYSTEM_ACCOUNT_IDS.escrow.EUR),
      ];

      // The payer still completes the checkout page they had open.
      await payOnCheckout(payment);
      const refunded = await untilStatus(quick, guest.accessToken, payment.id, 'refunded');
      expect(refunded).toMatchObject({ transferId: null, refundTransferId: null });
      expect(await chargeStatus(payment.providerRef)).toBe('refunded');
      const [events] = await db.query(
        'SELECT type FROM payment_events WHERE event_id LIKE ? ORDER BY type',
        [`evt_${payment.providerRef}_%`],
      );
      expect((events as Array<{ type: string }>).map((e) => e.type)).toEqual([
        'payment.succeeded',
        'refund.succeeded',
      ]);
      expect(await orderTransfers(order.id)).toEqual([]);
      expect((await quickStays.get(guest.accessToken, order.id)).status).toBe('cancelled');
      expect(await systemBalance(db, SYSTEM_ACCOUNT_IDS.clearing.EUR)).toBe(clearingBefore);
      expect(await systemBalance(db, SYSTEM_ACCOUNT_IDS.escrow.EUR)).toBe(escrowBefore);
    } finally {
      await quick.close();
    }
  });

  it('the provider is down while a refund is pending: the request is retried and goes through once it is back', async () => {
    const { guest, order } = await pendingOrder(stays, 15);
    const payment = await orderPayment(t, guest.accessToken, order.id);
    await payOnCheckout(payment);
    await untilStatus(t, guest.accessToken, payment.id, 'succeeded');

    const outage = (refunds: boolean) => t.http.post('/sandbox/outage', { refunds });
    expect((await outage(true)).body).toEqual({ refunds: true });
    try {
      expect((await stays.refund(guest.accessToken, order.id)).status).toBe(200);
      await untilStatus(t, guest.accessToken, payment.id, 'refund_pending');
      // At least two refund attempts fail while the provider is down; the charge stays paid.
      await eventually(
        async () => {
          const metrics = await t.http.get('/metrics');
          const failed = metricValue(metrics.text, 'events_handled_total', {
            subscriber: 'payment.request-provider-refund',
            outcome: 'error',
          });
          return failed >= 2 ? true : undefined;
        },
        15_000,
        'two failed refund attempts',
      );
      expect(await chargeStatus(payment.providerRef)).toBe('succeeded');
      expect(
        (await t.http.get(`/v1/payments/${payment.id}`, { token: guest.accessToken })).body.status,
      ).toBe('refund_pending');
    } finally {
      expect((await outage(false)).body).toEqual({ refunds: false });
    }
    await untilStatus(t, guest.accessToken, payment.id, 'refunded');
    expect(await chargeStatus(payment.providerRef)).toBe('refunded');
  });

  describe('rewards', () => {
    let content: Content;
    beforeAll(() => {
      content = new Content(t.http);
    });

    it("a reward paid on the sandbox checkout: clearing → the author's account (kind reward); the reader needs no account", async () => {
      const writer = await content.user();
      const article = await content.published(writer.accessToken);
      const authorCny = await bank.open(writer.accessToken, 'CNY');
      const reader = await bank.user();
      const clearingBefore = await systemBalance(db, SYSTEM_ACCOUNT_IDS.clearing.CNY);
      const created = await createPayment(t, reader.accessToken, {
        purpose: 'reward',
        articleId: article.id,
        amount: 888,
        currency: 'CNY',
      });
      expect(created.status).toBe(201);
      const payment: Payment = created.body;
      expect(payment).toMatchObject({
        payerId: reader.id,
        purpose: 'reward',
        status: 'requires_action',
        amount: 888,
        currency: 'CNY',
        articleId: article.id,
        accountId: null,
        orderId: null,
      });
      await payOnCheckout(payment);
      const succeeded = await untilStatus(t, reader.accessToken, payment.id, 'succeeded');
      expect(await transfer(succeeded.transferId!)).toEqual({
        id: succeeded.transferId,
        kind: 'reward',
        from: SYSTEM_ACCOUNT_IDS.clearing.CNY,
        to: authorCny.id,
        amount: 888,
        currency: 'CNY',
      });
      expect(await bank.balance(writer.accessToken, authorCny.id)).toBe(888);
      expect(await systemBalance(db, SYSTEM_ACCOUNT_IDS.clearing.CNY)).toBe(clearingBefore - 888);
    });

    it('your own article is 422 CANNOT_REWARD_SELF, an author without the currency 422, a missing article 404; bad bodies 400', async () => {
      const writer = await content.user();
      const article = await content.published(writer.accessToken);
      await bank.open(writer.accessToken, 'USD');
      const reward = (token: string, body: Record<string, unknown>) =>
        createPayment(t, token, { purpose: 'reward', articleId: article.id, amount: 100, ...body });
      expectProblem(
        await reward(writer.accessToken, { currency: 'USD' }),
        422,
        'CANNOT_REWARD_SELF',
      );
      const reader = await bank.user();
      expectProblem(
        await reward(reader.accessToken, { currency: 'EUR' }),
        422,
        'RECIPIENT_HAS_NO_ACCOUNT',
      );
      expectProblem(
        await reward(reader.accessToken, {
          currency: 'USD',
          articleId: '01900000-0000-7000-8000-0000000000ff',
        }),
        404,
        'NOT_FOUND',
      );
      for (const body of [{}, { currency: 'GBP' }, { currency: 'USD', amount: 0 }])
        expectProblem(await reward(reader.accessToken, body), 400, 'VALIDATION_FAILED');
    });

    it('an article withdrawn before the money arrives: refund_pending, then refunded; the author gets nothing', async () => {
      const writer = await content.user();
      const article = await content.published(writer.accessToken);
      const authorUsd = await bank.open(writer.accessToken, 'USD');
      const reader = await bank.user();
      const res = await createPayment(t, reader.accessToken, {
        purpose: 'reward',
        articleId: article.id,
        amount: 300,
        currency: 'USD',
      });
      expect(res.status).toBe(201);
      const payment: Payment = res.body;
      expect((await content.withdraw(writer.accessToken, article.id)).status).toBe(200);
      const clearingBefore = await systemBalance(db, SYSTEM_ACCOUNT_IDS.clearing.USD);
      await payOnCheckout(payment);
      const refunded = await untilStatus(t, reader.accessToken, payment.id, 'refunded');
      expect(refunded).toMatchObject({ transferId: null, refundTransferId: null });
      expect(await chargeStatus(payment.providerRef)).toBe('refunded');
      expect(await bank.balance(writer.accessToken, authorUsd.id)).toBe(0);
      expect(await systemBalance(db, SYSTEM_ACCOUNT_IDS.clearing.USD)).toBe(clearingBefore);
    });
  });

  it('ledger:check is green at the end', async () => {
    await expectLedgerBalanced(db);
  });
});
