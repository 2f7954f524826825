import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import type { Connection } from 'mysql2/promise';
import Stripe from 'stripe';
import { HttpResponse, runToExit, startApp, TestApp } from '../support/app';
import { adminEnv, Bank, Currency, loginAdmin, scalar } from '../support/bank';
import { connectDb } from '../support/db';
import { expectProblem } from '../support/factories';
import { eventually, metricValue } from '../support/outbox';

const WEBHOOK_SECRET = 'whsec_e2e_0123456789abcdef';
const WEBHOOK = '/v1/payments/webhooks/stripe';
const CHECKOUT = 'https://app.example.com/checkout';

interface StripeCall {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  authorization: string | undefined;
  form: Record<string, string>;
}

/**
 * A stand-in for api.stripe.com (there is no network here): records each request and answers
 * POST /v1/payment_intents like Stripe does, or with 500 while `failing`.
 */
class FakeStripeApi {
  calls: StripeCall[] = [];
  failing = false;
  private server!: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    const url = new URL(req.url ?? '/', 'http://x');
    const call: StripeCall = {
      method: req.method ?? '',
      path: url.pathname,
      idempotencyKey: req.headers['idempotency-key'] as string | undefined,
      authorization: req.headers.authorization,
      form: Object.fromEntries(new URLSearchParams(body)),
    };
    this.calls.push(call);
    const reply = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': 'req_fake' });
      res.end(JSON.stringify(json));
    };
    if (this.failing) return reply(500, { error: { type: 'api_error', message: 'fake outage' } });
    if (call.method === 'POST' && call.path === '/v1/payment_intents') {
      // Stripe answers a repeated idempotency key with the same object.
      const id = `pi_${(call.idempotencyKey ?? randomBytes(8).toString('hex')).replace(/-/g, '').slice(0, 24)}`;
      return reply(200, {
        id,
        object: 'payment_intent',
        amount: Number(call.form.amount),
        currency: call.form.currency,
        client_secret: `${id}_secret_${'s'.repeat(8)}`,
        status: 'requires_payment_method',
        metadata: { paymentId: call.form['metadata[paymentId]'] },
      });
    }
    reply(404, { error: { type: 'invalid_request_error', message: 'unknown route' } });
  }
}

interface Payment {
  id: string;
  status: string;
  amount: number;
  currency: Currency;
  provider: string;
  providerRef: string;
  checkoutUrl: string;
  failureReason: string | null;
}

const signer = new Stripe('sk_test_signer');

describe('Payments through Stripe (PAYMENT_PROVIDER=stripe, a fake Stripe API)', () => {
  let t: TestApp;
  let db: Connection;
  let bank: Bank;
  const api = new FakeStripeApi();
  const env = adminEnv();

  beforeAll(async () => {
    const apiUrl = await api.start();
    [t, db] = await Promise.all([
      startApp({
        ...env,
        PAYMENT_PROVIDER: 'stripe',
        STRIPE_SECRET_KEY: 'sk_test_e2e',
        STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
        STRIPE_CHECKOUT_URL: CHECKOUT,
        STRIPE_API_URL: apiUrl,
        PAYMENT_PROVIDER_RETRIES: '1',
        PAYMENT_PROVIDER_BACKOFF_MS: '20',
        PAYMENT_PROVIDER_TIMEOUT_MS: '5000',
        PAYMENT_BREAKER_VOLUME_THRESHOLD: '4',
        PAYMENT_BREAKER_RESET_MS: '60000',
      }),
      connectDb(),
    ]);
    bank = new Bank(t.http, (await loginAdmin(t.http, env)).accessToken);
  });
  afterAll(async () => {
    await Promise.all([t?.close(), db?.end(), api.stop()]);
  });

  async function topUp(amount: number, currency: Currency) {
    const user = await bank.user();
    const account = await bank.open(user.accessToken, currency);
    const res = await t.http.post(
      '/v1/payments',
      { purpose: 'top_up', accountId: account.id, amount },
      { token: user.accessToken, headers: { 'idempotency-key': `stripe-${account.id}` } },
    );
    return { token: user.accessToken, accountId: account.id, res };
  }

  function deliver(event: Record<string, unknown>, secret = WEBHOOK_SECRET): Promise<HttpResponse> {
    const payload = JSON.stringify(event);
    const signature = signer.webhooks.generateTestHeaderString({ payload, secret });
    return t.http.post(WEBHOOK, undefined, {
      raw: payload,
      headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    });
  }

  const intentSucceeded = (payment: Payment, id = `evt_${randomBytes(8).toString('hex')}`) => ({
    id,
    object: 'event',
    type: 'payment_intent.succeeded',
    created: Math.floor(Date.now() / 1000),
    data: {
      object: {
        id: payment.providerRef,
        object: 'payment_intent',
        amount: payment.amount,
        amount_received: payment.amount,
        currency: payment.currency.toLowerCase(),
      },
    },
  });

  const paymentRows = (accountId: string) =>
    scalar(db, 'SELECT COUNT(*) FROM payments WHERE account_id = ?', [
      Buffer.from(accountId.replace(/-/g, ''), 'hex'),
    ]);

  function untilStatus(token: string, id: string, status: string): Promise<Payment> {
    return eventually(
      async () => {
        const res = await t.http.get(`/v1/payments/${id}`, { token });
        return res.status === 200 && res.body.status === status ? (res.body as Payment) : undefined;
      },
      10_000,
      `payment ${id} ${status}`,
    );
  }

  it('POST /v1/payments creates a PaymentIntent (Idempotency-Key = payment id); a signed payment_intent.succeeded credits the account once', async () => {
    const { token, accountId, res } = await topUp(4200, 'EUR');
    expect(res.status).toBe(201);
    const payment: Payment = res.body;
    const metrics = (await t.http.get('/metrics')).text;
    expect(metricValue(metrics, 'payment_provider_circuit_state', { provider: 'stripe' })).toBe(0);
    expect(payment).toMatchObject({
      status: 'requires_action',
      provider: 'stripe',
      amount: 4200,
      currency: 'EUR',
      providerRef: expect.stringMatching(/^pi_/),
    });
    expect(payment.checkoutUrl).toBe(
      `${CHECKOUT}#payment_intent=${payment.providerRef}&client_secret=${payment.providerRef}_secret_ssssssss`,
    );
    const create = api.calls.filter((c) => c.path === '/v1/payment_intents');
    expect(create).toHaveLength(1);
    expect(create[0]).toEqual({
      method: 'POST',
      path: '/v1/payment_intents',
      idempotencyKey: payment.id,
      authorization: 'Bearer sk_test_e2e',
      form: {
        amount: '4200',
        currency: 'eur',
        description: `Atrium top-up ${payment.id}`,
        'metadata[paymentId]': payment.id,
        'automatic_payment_methods[enabled]': 'true',
      },
    });

    const event = intentSucceeded(payment);
    const delivered = await deliver(event);
    expect(delivered.status).toBe(200);
    expect(delivered.body).toEqual({ received: true });
    const paid = await untilStatus(token, payment.id, 'succeeded');
    expect(paid.failureReason).toBeNull();
    expect(await bank.balance(token, accountId)).toBe(4200);

    // Stripe redelivers: the same event id is applied once.
    expect((await deliver(event)).status).toBe(200);
    expect(await bank.balance(token, accountId)).toBe(4200);
  });

  it('a bad signature → 400 SIGNATURE_INVALID and no effect; the sandbox webhook is 404 here', async () => {
    const { token, accountId, res } = await topUp(700, 'USD');
    expect(res.status).toBe(201);
    const payment: Payment = res.body;
    const forged = await deliver(intentSucceeded(payment), 'whsec_not_the_secret');
    expectProblem(forged, 400, 'SIGNATURE_INVALID');
    const unsigned = await t.http.post(WEBHOOK, undefined, {
      raw: JSON.stringify(intentSucceeded(payment)),
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(unsigned, 400, 'SIGNATURE_INVALID');
    expectProblem(
      await t.http.post('/v1/payments/webhooks/sandbox', { id: 'evt_x' }),
      404,
      'NOT_FOUND',
    );
    expect((await t.http.get(`/v1/payments/${payment.id}`, { token })).body.status).toBe(
      'requires_action',
    );
    expect(await bank.balance(token, accountId)).toBe(0);
  });

  it('Stripe down: 503 DEPENDENCY_UNAVAILABLE with Retry-After and no payment row (the call retried once, same key); then the circuit opens and Stripe is not called', async () => {
    api.failing = true;
    const before = api.calls.length;
    const { accountId, res } = await topUp(100, 'USD');
    expectProblem(res, 503, 'DEPENDENCY_UNAVAILABLE');
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    // The client learns nothing of Stripe's error (it is logged).
    expect(res.body.detail).toMatch(/^The payment provider (did not answer|is unavailable)/);
    expect(await paymentRows(accountId)).toBe(0);
    const attempts = api.calls.slice(before);
    expect(attempts).toHaveLength(2);
    expect(attempts[0].idempotencyKey).toBeDefined();
    expect(attempts[1].idempotencyKey).toBe(attempts[0].idempotencyKey);

    // Failures fill the breaker's window until it opens: then no call reaches Stripe.
    const open = await eventually(
      async () => {
        const calls = api.calls.length;
        const { res: next } = await topUp(100, 'USD');
        expectProblem(next, 503, 'DEPENDENCY_UNAVAILABLE');
        return api.calls.length === calls ? next : undefined;
      },
      10_000,
      'circuit open',
    );
    expect(open.headers.get('retry-after')).toBe('60');
    expect(open.body.detail).toBe(
      'The payment provider is unavailable (circuit open); retry later',
    );
    const metrics = (await t.http.get('/metrics')).text;
    expect(metricValue(metrics, 'payment_provider_circuit_state', { provider: 'stripe' })).toBe(2);
    api.failing = false;
  });

  it('PAYMENT_PROVIDER=stripe without its keys is refused at start, naming both', async () => {
    const { code, stderr } = await runToExit(
      'dist/main.js',
      {
        ...env,
        PAYMENT_PROVIDER: 'stripe',
        STRIPE_SECRET_KEY: undefined,
        STRIPE_WEBHOOK_SECRET: undefined,
      },
      tmpdir(),
    );
    expect(code).toBe(1);
    expect(stderr).toContain('STRIPE_SECRET_KEY (unset): is required when PAYMENT_PROVIDER=stripe');
    expect(stderr).toContain(
      'STRIPE_WEBHOOK_SECRET (unset): is required when PAYMENT_PROVIDER=stripe',
    );
  });
});
