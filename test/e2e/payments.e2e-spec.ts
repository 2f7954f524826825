import { createHmac } from 'node:crypto';
import type { Connection } from 'mysql2/promise';
import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { HttpResponse, runToExit, startApp, TestApp } from '../support/app';
import {
  adminEnv,
  Bank,
  Currency,
  expectLedgerBalanced,
  ISO,
  loginAdmin,
  newKey,
  pool,
  scalar,
  SYSTEM_ACCOUNT_IDS,
  systemBalance,
  transfersWithNote,
  UUID,
} from '../support/bank';
import { connectDb } from '../support/db';
import { expectProblem, registerAndLogin, RegisteredUser } from '../support/factories';
import { eventually, metricValue } from '../support/outbox';

const SECRET = 'e2e-payment-webhook-secret-0123456789';
const MISSING_ID = '01900000-0000-7000-8000-0000000000ff';
const WEBHOOK = '/v1/payments/webhooks/sandbox';

const PAYMENT_KEYS = [
  'accountId',
  'amount',
  'articleId',
  'checkoutUrl',
  'createdAt',
  'currency',
  'failureReason',
  'id',
  'orderId',
  'payerId',
  'provider',
  'providerRef',
  'purpose',
  'refundTransferId',
  'status',
  'transferId',
  'updatedAt',
];

interface Payment {
  id: string;
  payerId: string;
  status: string;
  amount: number;
  currency: Currency;
  providerRef: string;
  checkoutUrl: string;
  accountId: string | null;
  transferId: string | null;
  failureReason: string | null;
  createdAt: string;
  updatedAt: string;
}

interface ProviderEvent {
  id: string;
  type: string;
  createdAt: string;
  data: { providerRef: string; amount: number; currency: string };
}

/** The sandbox's signature, computed here from the documented scheme (not the server's code). */
function sign(body: string, t = Math.floor(Date.now() / 1000), secret = SECRET): string {
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

function eventFor(
  payment: Pick<Payment, 'providerRef' | 'amount' | 'currency'>,
  type = 'payment.succeeded',
  id = newKey('evt'),
  data: Partial<ProviderEvent['data']> = {},
): ProviderEvent {
  return {
    id,
    type,
    createdAt: new Date().toISOString(),
    data: {
      providerRef: payment.providerRef,
      amount: payment.amount,
      currency: payment.currency,
      ...data,
    },
  };
}

describe('Payments (sandbox provider)', () => {
  let t: TestApp;
  let db: Connection;
  let bank: Bank;
  let adminToken: string;
  const env = adminEnv();

  beforeAll(async () => {
    [t, db] = await Promise.all([
      startApp({
        ...env,
        PAYMENT_PROVIDER: 'sandbox',
        PAYMENT_WEBHOOK_SECRET: SECRET,
        SANDBOX_WEBHOOK_BACKOFF_MS: '100',
      }),
      connectDb(),
    ]);
    const admin = await loginAdmin(t.http, env);
    adminToken = admin.accessToken;
    bank = new Bank(t.http, adminToken);
  });
  afterAll(async () => {
    await Promise.all([t?.close(), db?.end()]);
  });

  function createPayment(
    token: string,
    body: Record<string, unknown>,
    key = newKey(),
  ): Promise<HttpResponse> {
    return t.http.post('/v1/payments', body, { token, headers: { 'idempotency-key': key } });
  }

  /** A user with an empty account in `currency` and a top-up of `amount` awaiting the payer. */
  async function pendingTopUp(
    amount: number,
    currency: Currency = 'USD',
  ): Promise<{ user: RegisteredUser; accountId: string; payment: Payment }> {
    const user = await bank.user();
    const account = await bank.open(user.accessToken, currency);
    const res = await createPayment(user.accessToken, {
      purpose: 'top_up',
      accountId: account.id,
      amount,
    });
    if (res.status !== 201) throw new Error(`create payment failed: ${res.status} ${res.text}`);
    return { user, accountId: account.id, payment: res.body };
  }

  function deliver(event: unknown, signature?: string): Promise<HttpResponse> {
    const body = JSON.stringify(event);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const header = signature ?? sign(body);
    if (header !== '') headers['atrium-signature'] = header;
    return t.http.post(WEBHOOK, undefined, { raw: body, headers });
  }

  async function paymentOf(token: string, id: string): Promise<Payment> {
    const res = await t.http.get(`/v1/payments/${id}`, { token });
    if (res.status !== 200) throw new Error(`get payment failed: ${res.status} ${res.text}`);
    return res.body;
  }

  function untilStatus(token: string, id: string, status: string): Promise<Payment> {
    return eventually(
      async () => {
        const payment = await paymentOf(token, id);
        return payment.status === status ? payment : undefined;
      },
      20_000,
      `payment ${id} ${status}`,
    );
  }

  const movementsOf = (paymentId: string) => transfersWithNote(db, `payment ${paymentId}`);
  const handledEvents = (eventId: string) =>
    scalar(db, 'SELECT COUNT(*) FROM payment_events WHERE event_id = ?', [eventId]);

  describe('a top-up through the checkout page, as a person pays it', () => {
    it('POST /v1/payments → 201 requires_action with the checkout URL; Pay on the page → succeeded, clearing → account (top_up)', async () => {
      const clearingBefore = await systemBalance(db, SYSTEM_ACCOUNT_IDS.clearing.EUR);
      const user = await bank.user();
      const account = await bank.open(user.accessToken, 'EUR');
      const created = await createPayment(user.accessToken, {
        purpose: 'top_up',
        accountId: account.id,
        amount: 1250,
      });
      expect(created.status).toBe(201);
      const payment: Payment = created.body;
      expect(Object.keys(payment).sort()).toEqual(PAYMENT_KEYS);
      expect(payment).toEqual({
        id: expect.stringMatching(UUID),
        payerId: user.id,
        purpose: 'top_up',
        status: 'requires_action',
        amount: 1250,
        currency: 'EUR',
        provider: 'sandbox',
        providerRef: expect.stringMatching(/^sbx_[0-9a-f]{32}$/),
        checkoutUrl: `http://localhost:${new URL(t.baseUrl).port}/sandbox/checkout/${payment.providerRef}`,
        accountId: account.id,
        orderId: null,
        articleId: null,
        transferId: null,
        refundTransferId: null,
        failureReason: null,
        createdAt: expect.stringMatching(ISO),
        updatedAt: payment.createdAt,
      });

      // The person opens the checkout page: merchant, amount and currency, Pay and Decline.
      const page = await fetch(payment.checkoutUrl);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await page.text();
      expect(html).toContain('Atrium');
      expect(html).toContain('12.50 EUR');
      expect(html).toMatch(
        new RegExp(`<form method="post" action="/sandbox/checkout/${payment.providerRef}"`),
      );
      expect(html).toContain('name="action" value="pay"');
      expect(html).toContain('name="action" value="decline"');

      // … and clicks Pay: the browser posts the form.
      const paid = await fetch(payment.checkoutUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'action=pay',
      });
      expect(paid.status).toBe(200);
      expect(await paid.text()).toContain('Payment succeeded');

      // The sandbox's webhook arrives on its own.
      const succeeded = await untilStatus(user.accessToken, payment.id, 'succeeded');
      expect(succeeded).toEqual({
        ...payment,
        status: 'succeeded',
        transferId: expect.stringMatching(UUID),
        updatedAt: expect.stringMatching(ISO),
      });
      expect(await bank.balance(user.accessToken, account.id)).toBe(1250);
      const transfer = await t.http.get(`/v1/transfers/${succeeded.transferId}`, {
        token: user.accessToken,
      });
      expect(transfer.status).toBe(200);
      expect(transfer.body).toMatchObject({
        id: succeeded.transferId,
        kind: 'top_up',
        fromAccountId: SYSTEM_ACCOUNT_IDS.clearing.EUR,
        toAccountId: account.id,
        amount: 1250,
        currency: 'EUR',
      });
      expect(await movementsOf(payment.id)).toEqual([succeeded.transferId]);
      expect(await systemBalance(db, SYSTEM_ACCOUNT_IDS.clearing.EUR)).toBe(clearingBefore - 1250);

      // The page now shows the outcome; posting again decides nothing new.
      const again = await fetch(payment.checkoutUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'action=decline',
      });
      expect(again.status).toBe(200);
      expect(await again.text()).toContain('Payment succeeded');
      expect((await paymentOf(user.accessToken, payment.id)).status).toBe('succeeded');

      // The provider's settlement report of the day lists it.
      const day = succeeded.updatedAt.slice(0, 10);
      const report = await fetch(`${t.baseUrl}/sandbox/settlements?date=${day}`);
      expect(report.status).toBe(200);
      const { items } = (await report.json()) as { items: Array<Record<string, unknown>> };
      expect(items).toContainEqual({
        providerRef: payment.providerRef,
        amount: 1250,
        currency: 'EUR',
        status: 'succeeded',
        settledAt: expect.stringMatching(ISO),
      });
      expect((await fetch(`${t.baseUrl}/sandbox/settlements?date=2026-13-01`)).status).toBe(400);

      // The payer's list, newest first.
      const list = await t.http.get('/v1/payments', { token: user.accessToken });
      expect(list.status).toBe(200);
      expect(list.body).toEqual({ items: [succeeded], nextCursor: null });
    });

    it('Decline on the page → failed (declined), no money moves', async () => {
      const { user, accountId, payment } = await pendingTopUp(700);
      const declined = await fetch(payment.checkoutUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'action=decline',
      });
      expect(declined.status).toBe(200);
      expect(await declined.text()).toContain('Payment declined');
      const failed = await untilStatus(user.accessToken, payment.id, 'failed');
      expect(failed).toMatchObject({ failureReason: 'declined', transferId: null });
      expect(await bank.balance(user.accessToken, accountId)).toBe(0);
      expect(await movementsOf(payment.id)).toEqual([]);
    });

    it('a checkout form post other than pay or decline is 400; an unknown checkout is 404', async () => {
      const { user, payment } = await pendingTopUp(300);
      const bad = await fetch(payment.checkoutUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'action=refund',
      });
      expect(bad.status).toBe(400);
      expect((await paymentOf(user.accessToken, payment.id)).status).toBe('requires_action');
      const unknown = await fetch(`${t.baseUrl}/sandbox/checkout/sbx_${'0'.repeat(32)}`);
      expect(unknown.status).toBe(404);
    });

    it('form bodies are accepted by the sandbox pages only: anywhere else 415', async () => {
      const { user } = await pendingTopUp(300);
      const res = await t.http.post('/v1/payments', undefined, {
        token: user.accessToken,
        raw: 'purpose=top_up',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    });
  });

  describe('the webhook: exactly once, whatever arrives', () => {
    it('replaying the signed event the sandbox sent → 200, the money moved once', async () => {
      const { user, accountId, payment } = await pendingTopUp(900);
      await fetch(payment.checkoutUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'action=pay',
      });
      const succeeded = await untilStatus(user.accessToken, payment.id, 'succeeded');
      // The event the sandbox delivered (its id is the charge's outcome), signed again now.
      const sent = eventFor(payment, 'payment.succeeded', `evt_${payment.providerRef}_succeeded`);
      expect(await handledEvents(sent.id)).toBe(1);
      for (let i = 0; i < 3; i++) {
        const res = await deliver(sent);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ received: true });
      }
      // Another event saying the same thing, and a late failure: stale, nothing changes.
      expect((await deliver(eventFor(payment))).status).toBe(200);
      expect((await deliver(eventFor(payment, 'payment.failed'))).status).toBe(200);
      expect(await paymentOf(user.accessToken, payment.id)).toEqual(succeeded);
      expect(await bank.balance(user.accessToken, accountId)).toBe(900);
      expect(await movementsOf(payment.id)).toEqual([succeeded.transferId]);
    });

    it('20 parallel deliveries of one succeeded event → all 200, the money moves once', async () => {
      const { user, accountId, payment } = await pendingTopUp(4321, 'CNY');
      const event = eventFor(payment);
      const answers = await Promise.all(Array.from({ length: 20 }, () => deliver(event)));
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
      const succeeded = await paymentOf(user.accessToken, payment.id);
      expect(succeeded.status).toBe('succeeded');
      expect(await bank.balance(user.accessToken, accountId)).toBe(4321);
      expect(await movementsOf(payment.id)).toEqual([succeeded.transferId]);
      expect(await handledEvents(event.id)).toBe(1);
    });

    it('a failure after a success changes nothing; a success after a failure moves no money', async () => {
      const first = await pendingTopUp(500);
      expect((await deliver(eventFor(first.payment))).status).toBe(200);
      expect((await deliver(eventFor(first.payment, 'payment.failed'))).status).toBe(200);
      expect((await paymentOf(first.user.accessToken, first.payment.id)).status).toBe('succeeded');
      expect(await bank.balance(first.user.accessToken, first.accountId)).toBe(500);

      const second = await pendingTopUp(500);
      expect((await deliver(eventFor(second.payment, 'payment.failed'))).status).toBe(200);
      expect((await deliver(eventFor(second.payment))).status).toBe(200);
      expect(await paymentOf(second.user.accessToken, second.payment.id)).toMatchObject({
        status: 'failed',
        failureReason: 'declined',
        transferId: null,
      });
      expect(await bank.balance(second.user.accessToken, second.accountId)).toBe(0);
      expect(await movementsOf(second.payment.id)).toEqual([]);
    });

    it('payment.succeeded with another amount or currency → failed (amount_mismatch), no money', async () => {
      for (const data of [{ amount: 801 }, { currency: 'EUR' }]) {
        const { user, accountId, payment } = await pendingTopUp(800);
        const res = await deliver(eventFor(payment, 'payment.succeeded', newKey('evt'), data));
        expect(res.status).toBe(200);
        expect(await paymentOf(user.accessToken, payment.id)).toMatchObject({
          status: 'failed',
          failureReason: 'amount_mismatch',
          transferId: null,
        });
        expect(await bank.balance(user.accessToken, accountId)).toBe(0);
        expect(await movementsOf(payment.id)).toEqual([]);
      }
    });

    it('an unknown providerRef or an ignored event type → 200 {received: true}, nothing happens, counted by reason', async () => {
      const notApplied = async (reason: string) =>
        metricValue(
          (await t.http.get('/metrics')).text,
          'payment_provider_events_not_applied_total',
          { provider: 'sandbox', reason },
        );
      const before = [await notApplied('unknown_payment'), await notApplied('ignored_type')];
      const res = await deliver(
        eventFor({ providerRef: `sbx_${'f'.repeat(32)}`, amount: 100, currency: 'USD' }),
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ received: true });
      const { user, payment } = await pendingTopUp(100);
      const disputed = eventFor(payment, 'charge.disputed');
      expect((await deliver(disputed)).body).toEqual({ received: true });
      // Its redelivery is a duplicate, not counted again.
      expect((await deliver(disputed)).status).toBe(200);
      expect((await paymentOf(user.accessToken, payment.id)).status).toBe('requires_action');
      expect([await notApplied('unknown_payment'), await notApplied('ignored_type')]).toEqual([
        before[0] + 1,
        before[1] + 1,
      ]);
      // Bounded labels: no provider reference or event id in the series.
      const metrics = (await t.http.get('/metrics')).text;
      expect(metrics).toContain('# TYPE payment_provider_events_not_applied_total counter');
      expect(metrics).not.toContain(payment.providerRef);
      expect(metrics).not.toContain(disputed.id);
    });

    it('bad, missing, malformed, stale or future signatures → 400 SIGNATURE_INVALID and no effect', async () => {
      const { user, accountId, payment } = await pendingTopUp(600);
      const event = eventFor(payment);
      const body = JSON.stringify(event);
      const now = Math.floor(Date.now() / 1000);
      for (const signature of [
        '',
        'garbage',
        `t=${now}`,
        sign(body, now, 'another-secret-another-secret'),
        sign(`${body} `, now),
        sign(body, now - 301),
        sign(body, now + 301),
      ]) {
        expectProblem(await deliver(event, signature), 400, 'SIGNATURE_INVALID');
      }
      // The same body with a valid signature whose t was changed.
      const [, v1] = sign(body, now).split(',');
      expectProblem(await deliver(event, `t=${now - 10},${v1}`), 400, 'SIGNATURE_INVALID');
      expect(await handledEvents(event.id)).toBe(0);
      expect((await paymentOf(user.accessToken, payment.id)).status).toBe('requires_action');
      expect(await bank.balance(user.accessToken, accountId)).toBe(0);

      // The event itself was fine: signed properly, it applies.
      expect((await deliver(event)).status).toBe(200);
      expect((await paymentOf(user.accessToken, payment.id)).status).toBe('succeeded');
    });

    it('a signed body that is not an event → 400 VALIDATION_FAILED; another provider → 404', async () => {
      const body = JSON.stringify({ hello: 'world' });
      const res = await t.http.post(WEBHOOK, undefined, {
        raw: body,
        headers: { 'content-type': 'application/json', 'atrium-signature': sign(body) },
      });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      const stripe = await t.http.post('/v1/payments/webhooks/stripe', { id: 'evt_x' });
      expectProblem(stripe, 404, 'NOT_FOUND');
    });
  });

  describe('who may pay into what, and see it', () => {
    it("another user's payment → 404; an admin sees it", async () => {
      const { payment } = await pendingTopUp(100);
      const stranger = await bank.user();
      expectProblem(
        await t.http.get(`/v1/payments/${payment.id}`, { token: stranger.accessToken }),
        404,
        'NOT_FOUND',
      );
      expectProblem(
        await t.http.get(`/v1/payments/${MISSING_ID}`, { token: stranger.accessToken }),
        404,
        'NOT_FOUND',
      );
      expect(
        (await t.http.get('/v1/payments', { token: stranger.accessToken })).body.items,
      ).toEqual([]);
      const asAdmin = await t.http.get(`/v1/payments/${payment.id}`, { token: adminToken });
      expect(asAdmin.status).toBe(200);
      expect(asAdmin.body.id).toBe(payment.id);
    });

    it("a top-up of someone else's account (or a missing one) → 404, nothing created", async () => {
      const owner = await bank.user();
      const account = await bank.open(owner.accessToken, 'USD');
      const other = await bank.user();
      await bank.open(other.accessToken, 'USD');
      for (const accountId of [account.id, MISSING_ID]) {
        expectProblem(
          await createPayment(other.accessToken, { purpose: 'top_up', accountId, amount: 100 }),
          404,
          'NOT_FOUND',
        );
      }
      expect((await t.http.get('/v1/payments', { token: other.accessToken })).body.items).toEqual(
        [],
      );
    });

    it('an unknown order or article is 404; bad bodies are 400', async () => {
      const { user, accountId } = await pendingTopUp(100);
      expectProblem(
        await createPayment(user.accessToken, { purpose: 'order', orderId: MISSING_ID }),
        404,
        'NOT_FOUND',
      );
      expectProblem(
        await createPayment(user.accessToken, {
          purpose: 'reward',
          articleId: MISSING_ID,
          amount: 100,
          currency: 'USD',
        }),
        404,
        'NOT_FOUND',
      );
      for (const body of [
        { purpose: 'top_up', accountId, amount: 0 },
        { purpose: 'top_up', accountId, amount: 1_000_000_000_001 },
        { purpose: 'top_up', accountId, amount: 1.5 },
        { purpose: 'top_up', accountId },
        { purpose: 'top_up', amount: 100 },
        { purpose: 'gift', accountId, amount: 100 },
        { purpose: 'top_up', accountId, amount: 100, status: 'succeeded' },
        { purpose: 'order' },
        { purpose: 'order', orderId: 'not-a-uuid' },
      ]) {
        expectProblem(await createPayment(user.accessToken, body), 400, 'VALIDATION_FAILED');
      }
      expectProblem(
        await t.http.post('/v1/payments', { purpose: 'top_up', accountId, amount: 100 }),
        401,
        'UNAUTHENTICATED',
      );
    });

    it('the same Idempotency-Key and body replays the payment; a new key creates another', async () => {
      const user = await bank.user();
      const account = await bank.open(user.accessToken, 'USD');
      const body = { purpose: 'top_up', accountId: account.id, amount: 250 };
      const key = newKey();
      const first = await createPayment(user.accessToken, body, key);
      const replay = await createPayment(user.accessToken, body, key);
      expect(first.status).toBe(201);
      expect(replay.status).toBe(201);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.body).toEqual(first.body);
      const other = await createPayment(user.accessToken, body);
      expect(other.body.id).not.toBe(first.body.id);
      const list = await t.http.get('/v1/payments?limit=1', { token: user.accessToken });
      expect(list.body.items.map((p: Payment) => p.id)).toEqual([other.body.id]);
      const next = await t.http.get(
        `/v1/payments?limit=1&cursor=${encodeURIComponent(list.body.nextCursor)}`,
        { token: user.accessToken },
      );
      expect(next.body).toEqual({ items: [first.body], nextCursor: null });
    });
  });

  describe('delivery: at least once, with back-off', () => {
    let app: TestApp;
    let proxy: Server;
    const webhookAttempts: number[] = [];
    let failuresLeft = 2;

    /** Forwards everything to the app, except that the first webhook posts answer 503. */
    async function forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      if (req.url === WEBHOOK) {
        webhookAttempts.push(Date.now());
        if (failuresLeft-- > 0) {
          res.writeHead(503).end();
          return;
        }
      }
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'authorization', 'atrium-signature']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const upstream = await fetch(app.baseUrl + req.url, {
        method: req.method,
        headers,
        body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
      });
      const body = Buffer.from(await upstream.arrayBuffer());
      res.writeHead(upstream.status, {
        'content-type': upstream.headers.get('content-type') ?? 'text/plain',
      });
      res.end(body);
    }

    beforeAll(async () => {
      proxy = createServer((req, res) => void forward(req, res));
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      const { port } = proxy.address() as AddressInfo;
      // Its own queues (another prefix): the suite's app must not deliver this app's events.
      app = await startApp({
        PAYMENT_WEBHOOK_SECRET: SECRET,
        SANDBOX_WEBHOOK_BACKOFF_MS: '200',
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        REDIS_PREFIX: `${process.env.REDIS_PREFIX ?? 'atrium-e2e:'}retry:`,
      });
    });
    afterAll(async () => {
      await app?.close();
      await new Promise((resolve) => proxy?.close(resolve));
    });

    it('a webhook answered with an error is delivered again, later each time, until a 2xx; the money moves once', async () => {
      const user = await registerAndLogin(app.http);
      const account = (
        await app.http.post('/v1/accounts', { currency: 'USD' }, { token: user.accessToken })
      ).body;
      const created = await app.http.post(
        '/v1/payments',
        { purpose: 'top_up', accountId: account.id, amount: 3000 },
        { token: user.accessToken },
      );
      expect(created.status).toBe(201);
      const payment: Payment = created.body;
      expect(
        payment.checkoutUrl.startsWith(
          `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/`,
        ),
      ).toBe(true);
      const paid = await fetch(payment.checkoutUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'action=pay',
      });
      expect(paid.status).toBe(200);
      const succeeded = await eventually(
        async () => {
          const res = await app.http.get(`/v1/payments/${payment.id}`, { token: user.accessToken });
          return res.body.status === 'succeeded' ? (res.body as Payment) : undefined;
        },
        20_000,
        'the payment succeeds after two refused deliveries',
      );
      expect(webhookAttempts).toHaveLength(3);
      // Exponential back-off from SANDBOX_WEBHOOK_BACKOFF_MS: 200 ms, then 400 ms.
      expect(webhookAttempts[1] - webhookAttempts[0]).toBeGreaterThanOrEqual(190);
      expect(webhookAttempts[2] - webhookAttempts[1]).toBeGreaterThanOrEqual(390);
      expect(await movementsOf(payment.id)).toEqual([succeeded.transferId]);
      const balance = await app.http.get(`/v1/accounts/${account.id}`, { token: user.accessToken });
      expect(balance.body.balance).toBe(3000);
    });
  });

  describe('chaos mode: duplicated, late and reordered deliveries', () => {
    let chaos: TestApp;

    beforeAll(async () => {
      // Its own queues (another prefix): only its own workers deliver its events, in chaos.
      chaos = await startApp({
        PAYMENT_WEBHOOK_SECRET: SECRET,
        SANDBOX_WEBHOOK_CHAOS: 'true',
        SANDBOX_WEBHOOK_CHAOS_MAX_DELAY_MS: '1500',
        REDIS_PREFIX: `${process.env.REDIS_PREFIX ?? 'atrium-e2e:'}chaos:`,
      });
    });
    afterAll(async () => {
      await chaos?.close();
    });

    it('50 payments paid on their pages: every one applied exactly once, balances exact', async () => {
      const count = 50;
      const payers = await pool(count, 10, async (i) => {
        const user = await registerAndLogin(chaos.http);
        const account = (
          await chaos.http.post('/v1/accounts', { currency: 'CNY' }, { token: user.accessToken })
        ).body;
        const created = await chaos.http.post(
          '/v1/payments',
          { purpose: 'top_up', accountId: account.id, amount: 1000 + i },
          { token: user.accessToken },
        );
        expect(created.status).toBe(201);
        return { user, accountId: account.id as string, payment: created.body as Payment };
      });
      await pool(count, 10, async (i) => {
        const res = await fetch(payers[i].payment.checkoutUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'action=pay',
        });
        expect(res.status).toBe(200);
      });
      for (const { user, payment } of payers) {
        await eventually(
          async () => {
            const res = await chaos.http.get(`/v1/payments/${payment.id}`, {
              token: user.accessToken,
            });
            return res.body.status === 'succeeded' ? true : undefined;
          },
          30_000,
          `payment ${payment.id} succeeded`,
        );
      }
      for (const [i, { user, accountId, payment }] of payers.entries()) {
        expect(await movementsOf(payment.id)).toHaveLength(1);
        const account = await chaos.http.get(`/v1/accounts/${accountId}`, {
          token: user.accessToken,
        });
        expect(account.body.balance).toBe(1000 + i);
      }
      // More webhook answers than events: duplicates did arrive, and changed nothing.
      const metrics = (await chaos.http.get('/metrics')).text;
      const delivered = metricValue(metrics, 'http_request_duration_seconds_count', {
        route: '/v1/payments/webhooks/:provider',
        status_code: '200',
      });
      expect(delivered).toBeGreaterThan(count);
    });
  });

  describe('production', () => {
    const productionEnv = (): Record<string, string | undefined> => ({
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(32).toString('base64'),
      PUBLIC_URL: 'https://atrium.example',
      METRICS_TOKEN: randomBytes(24).toString('hex'),
      DB_PASSWORD: process.env.DB_PASSWORD ?? 'atrium',
      BCRYPT_COST: '4',
      PAYMENT_PROVIDER: undefined,
      PAYMENT_WEBHOOK_SECRET: undefined,
    });

    it('the sandbox is refused at start (its Pay button creates money)', async () => {
      const { code, stderr } = await runToExit(
        'dist/main.js',
        { ...productionEnv(), PAYMENT_PROVIDER: 'sandbox', PAYMENT_WEBHOOK_SECRET: SECRET },
        tmpdir(),
      );
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toEqual([
        'Invalid configuration:',
        '  - PAYMENT_PROVIDER="sandbox": sandbox is for development and test only: its Pay button creates money',
      ]);
    });

    it('without a provider: payments answer 503, no checkout pages, no webhook', async () => {
      const prod = await startApp(productionEnv());
      try {
        const user = await registerAndLogin(prod.http);
        const res = await prod.http.post(
          '/v1/payments',
          { purpose: 'top_up', accountId: MISSING_ID, amount: 100 },
          { token: user.accessToken },
        );
        expectProblem(res, 503, 'DEPENDENCY_UNAVAILABLE');
        expect((await fetch(`${prod.baseUrl}/sandbox/checkout/sbx_${'0'.repeat(32)}`)).status).toBe(
          404,
        );
        expect((await fetch(`${prod.baseUrl}/sandbox/settlements?date=2026-12-01`)).status).toBe(
          404,
        );
        const body = JSON.stringify(eventFor({ providerRef: 'sbx_x', amount: 1, currency: 'USD' }));
        const webhook = await prod.http.post(WEBHOOK, undefined, {
          raw: body,
          headers: { 'content-type': 'application/json', 'atrium-signature': sign(body) },
        });
        expectProblem(webhook, 404, 'NOT_FOUND');
      } finally {
        await prod.close();
      }
    });
  });

  it('the ledger balances: clearing went negative by what came in, every currency sums to 0', async () => {
    expect(await systemBalance(db, SYSTEM_ACCOUNT_IDS.clearing.USD)).toBeLessThan(0);
    await expectLedgerBalanced(db);
  });
});
