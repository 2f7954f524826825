import Stripe from 'stripe';
import { SignatureInvalidError } from '@domain/payment/payment.errors';
import { ValidationError } from '@domain/shared/domain-error';
import { ProviderCallError } from '../provider-call-error';
import { StripePaymentProvider } from './stripe-payment-provider';

const WEBHOOK_SECRET = 'whsec_unit_test_secret';
const PAYMENT_ID = '01930000-0000-7000-8000-000000000001';

interface Recorded {
  method: string;
  url: URL;
  headers: Record<string, string>;
  form: URLSearchParams;
}

/** A fetch that records each request and answers from `routes` ("METHOD /path" → status + JSON). */
function fakeStripe(routes: Record<string, (req: Recorded) => { status?: number; body: unknown }>) {
  const requests: Recorded[] = [];
  const fakeFetch = async (input: string | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const headers: Record<string, string> = {};
    for (const [k, v] of new Headers(init?.headers as ConstructorParameters<typeof Headers>[0]))
      headers[k] = v;
    const req: Recorded = {
      method: init?.method ?? 'GET',
      url,
      headers,
      form: new URLSearchParams(typeof init?.body === 'string' ? init.body : ''),
    };
    requests.push(req);
    const route = routes[`${req.method} ${url.pathname}`];
    const answer = route
      ? route(req)
      : { status: 404, body: { error: { type: 'invalid_request_error', message: 'no route' } } };
    return new Response(JSON.stringify(answer.body), {
      status: answer.status ?? 200,
      headers: { 'content-type': 'application/json', 'request-id': 'req_test' },
    });
  };
  const provider = new StripePaymentProvider({
    secretKey: 'sk_test_unit',
    webhookSecret: WEBHOOK_SECRET,
    checkoutPageUrl: 'https://app.example.com/checkout',
    timeoutMs: 5000,
    httpClient: Stripe.createFetchHttpClient(fakeFetch as typeof fetch),
  });
  return { provider, requests };
}

const stripe = new Stripe('sk_test_unit');
function signed(event: Record<string, unknown>, secret = WEBHOOK_SECRET) {
  const payload = JSON.stringify(event);
  return {
    payload,
    headers: { 'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload, secret }) },
  };
}

function stripeEvent(type: string, object: Record<string, unknown>, id = 'evt_1') {
  return { id, object: 'event', type, created: 1_796_000_000, data: { object } };
}

describe('StripePaymentProvider', () => {
  it('createPayment: POST /v1/payment_intents (form fields, Idempotency-Key = payment id); checkoutUrl carries the client secret in the fragment', async () => {
    const { provider, requests } = fakeStripe({
      'POST /v1/payment_intents': () => ({
        body: {
          id: 'pi_123',
          object: 'payment_intent',
          amount: 1250,
          currency: 'eur',
          client_secret: 'pi_123_secret_abc',
          status: 'requires_payment_method',
        },
      }),
    });
    const created = await provider.createPayment({
      paymentId: PAYMENT_ID,
      amount: 1250,
      currency: 'EUR',
      description: `Atrium top-up ${PAYMENT_ID}`,
    });
    expect(created).toEqual({
      providerRef: 'pi_123',
      checkoutUrl:
        'https://app.example.com/checkout#payment_intent=pi_123&client_secret=pi_123_secret_abc',
    });
    expect(requests).toHaveLength(1);
    const [req] = requests;
    expect(req.method).toBe('POST');
    expect(`${req.url.origin}${req.url.pathname}`).toBe(
      'https://api.stripe.com/v1/payment_intents',
    );
    expect(req.headers['idempotency-key']).toBe(PAYMENT_ID);
    expect(req.headers.authorization).toBe('Bearer sk_test_unit');
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(req.form)).toEqual({
      amount: '1250',
      currency: 'eur',
      description: `Atrium top-up ${PAYMENT_ID}`,
      'metadata[paymentId]': PAYMENT_ID,
      'automatic_payment_methods[enabled]': 'true',
    });
  });

  it('refund: POST /v1/refunds with the PaymentIntent, the amount and an idempotency key', async () => {
    const { provider, requests } = fakeStripe({
      'POST /v1/refunds': () => ({
        body: { id: 're_1', object: 'refund', amount: 500, status: 'succeeded' },
      }),
    });
    expect(await provider.refundIntent('pi_123', 500, 'refund-key-1')).toEqual({
      refundRef: 're_1',
      status: 'succeeded',
    });
    expect(await provider.refundIntent('pi_123', 300)).toEqual({
      refundRef: 're_1',
      status: 'succeeded',
    });
    expect(requests.map((r) => [r.method, r.url.pathname, r.headers['idempotency-key']])).toEqual([
      ['POST', '/v1/refunds', 'refund-key-1'],
      ['POST', '/v1/refunds', 'refund-pi_123-300'],
    ]);
    expect(Object.fromEntries(requests[0].form)).toEqual({
      payment_intent: 'pi_123',
      amount: '500',
    });
  });

  it('balanceTransactions: GET /v1/balance_transactions of the UTC day (all pages, source expanded) → one entry per charge / refund with its PaymentIntent', async () => {
    const { provider, requests } = fakeStripe({
      'GET /v1/balance_transactions': (req) => ({
        body: req.url.searchParams.get('starting_after')
          ? {
              object: 'list',
              has_more: false,
              data: [
                {
                  id: 'txn_3',
                  object: 'balance_transaction',
                  type: 'refund',
                  amount: -500,
                  fee: 0,
                  currency: 'eur',
                  created: 1_796_170_000,
                  source: { id: 're_1', object: 'refund', payment_intent: 'pi_1' },
                },
              ],
            }
          : {
              object: 'list',
              has_more: true,
              data: [
                {
                  id: 'txn_1',
                  object: 'balance_transaction',
                  type: 'charge',
                  amount: 1250,
                  fee: 66,
                  currency: 'eur',
                  created: 1_796_169_600,
                  source: { id: 'ch_1', object: 'charge', payment_intent: 'pi_1' },
                },
                {
                  id: 'txn_2',
                  object: 'balance_transaction',
                  type: 'payout',
                  amount: -9000,
                  fee: 0,
                  currency: 'eur',
                  created: 1_796_169_700,
                  source: { id: 'po_1', object: 'payout' },
                },
              ],
            },
      }),
    });
    expect(await provider.balanceTransactions('2026-12-02')).toEqual([
      {
        providerRef: 'pi_1',
        kind: 'charge',
        amount: 1250,
        fee: 66,
        currency: 'EUR',
        transactionRef: 'txn_1',
        createdAt: new Date(1_796_169_600_000).toISOString(),
      },
      {
        providerRef: 'pi_1',
        kind: 'refund',
        amount: -500,
        fee: 0,
        currency: 'EUR',
        transactionRef: 'txn_3',
        createdAt: new Date(1_796_170_000_000).toISOString(),
      },
    ]);
    const from = Date.parse('2026-12-02T00:00:00Z') / 1000;
    expect(requests).toHaveLength(2);
    expect(requests[0].method).toBe('GET');
    expect(Object.fromEntries(requests[0].url.searchParams)).toEqual({
      'created[gte]': String(from),
      'created[lt]': String(from + 86_400),
      limit: '100',
      'expand[0]': 'data.source',
    });
    expect(requests[1].url.searchParams.get('starting_after')).toBe('txn_2');
  });

  it('settlementReport: a charge line and a refund line of their own (amounts positive, gross), no payment id', async () => {
    const txn = (id: string, type: string, amount: number, source: Record<string, unknown>) => ({
      id,
      object: 'balance_transaction',
      type,
      amount,
      fee: type === 'charge' ? 30 : 0,
      currency: 'usd',
      created: 1_796_169_600,
      source,
    });
    const { provider } = fakeStripe({
      'GET /v1/balance_transactions': () => ({
        body: {
          object: 'list',
          has_more: false,
          data: [
            txn('txn_1', 'charge', 1000, { id: 'ch_1', object: 'charge', payment_intent: 'pi_1' }),
            txn('txn_2', 'payment_refund', -400, {
              id: 're_2',
              object: 'refund',
              payment_intent: { id: 'pi_2' },
            }),
            txn('txn_3', 'adjustment', -5, { id: 'adj_1', object: 'adjustment' }),
          ],
        },
      }),
    });
    const at = new Date(1_796_169_600_000);
    expect(await provider.settlementReport('2026-12-02')).toEqual([
      {
        kind: 'charge',
        providerRef: 'pi_1',
        paymentId: null,
        amount: 1000,
        currency: 'USD',
        status: 'succeeded',
        settledAt: at,
      },
      {
        kind: 'refund',
        providerRef: 'pi_2',
        paymentId: null,
        amount: 400,
        currency: 'USD',
        status: 'succeeded',
        settledAt: at,
      },
    ]);
  });

  it('maps Stripe errors: 5xx / connection are transient, a 4xx is not', async () => {
    const { provider } = fakeStripe({
      'POST /v1/payment_intents': () => ({
        status: 500,
        body: { error: { type: 'api_error', message: 'boom' } },
      }),
      'POST /v1/refunds': () => ({
        status: 400,
        body: { error: { type: 'invalid_request_error', message: 'bad amount' } },
      }),
    });
    const create = provider.createPayment({
      paymentId: PAYMENT_ID,
      amount: 1,
      currency: 'USD',
      description: 'x',
    });
    await expect(create).rejects.toBeInstanceOf(ProviderCallError);
    await expect(create).rejects.toMatchObject({ transient: true });
    await expect(provider.refundIntent('pi_1', 1)).rejects.toMatchObject({ transient: false });
  });

  describe('parseWebhook (constructEvent on the raw body with STRIPE_WEBHOOK_SECRET)', () => {
    const { provider } = fakeStripe({});

    it('payment_intent.succeeded → payment.succeeded with amount_received and the currency upper-case', () => {
      const { payload, headers } = signed(
        stripeEvent('payment_intent.succeeded', {
          id: 'pi_9',
          object: 'payment_intent',
          amount: 2000,
          amount_received: 2000,
          currency: 'usd',
        }),
      );
      expect(provider.parseWebhook(payload, headers)).toEqual({
        id: 'evt_1',
        type: 'payment.succeeded',
        createdAt: new Date(1_796_000_000_000).toISOString(),
        providerRef: 'pi_9',
        amount: 2000,
        currency: 'USD',
      });
    });

    it('payment_intent.payment_failed → payment.failed; charge.refunded → refund.succeeded on the PaymentIntent', () => {
      const failed = signed(
        stripeEvent('payment_intent.payment_failed', {
          id: 'pi_9',
          amount: 2000,
          amount_received: 0,
          currency: 'eur',
        }),
      );
      expect(provider.parseWebhook(failed.payload, failed.headers)).toMatchObject({
        type: 'payment.failed',
        providerRef: 'pi_9',
        amount: 2000,
        currency: 'EUR',
      });
      const refunded = signed(
        stripeEvent('charge.refunded', {
          id: 'ch_1',
          object: 'charge',
          payment_intent: 'pi_9',
          amount: 2000,
          amount_refunded: 700,
          currency: 'eur',
        }),
      );
      expect(provider.parseWebhook(refunded.payload, refunded.headers)).toMatchObject({
        type: 'refund.succeeded',
        providerRef: 'pi_9',
        amount: 700,
      });
    });

    it('another type keeps its name (ignored by the handler)', () => {
      const { payload, headers } = signed(stripeEvent('customer.created', { id: 'cus_1' }));
      expect(provider.parseWebhook(payload, headers)).toMatchObject({
        type: 'customer.created',
        providerRef: 'cus_1',
      });
    });

    it('a wrong secret, a changed body, a stale or missing header → SignatureInvalidError', () => {
      const event = stripeEvent('payment_intent.succeeded', {
        id: 'pi_9',
        amount_received: 1,
        currency: 'usd',
      });
      const other = signed(event, 'whsec_someone_else');
      expect(() => provider.parseWebhook(other.payload, other.headers)).toThrow(
        SignatureInvalidError,
      );
      const good = signed(event);
      expect(() =>
        provider.parseWebhook(
          good.payload.replace('"amount_received":1', '"amount_received":9'),
          good.headers,
        ),
      ).toThrow(SignatureInvalidError);
      const payload = JSON.stringify(event);
      const stale = stripe.webhooks.generateTestHeaderString({
        payload,
        secret: WEBHOOK_SECRET,
        timestamp: Math.floor(Date.now() / 1000) - 301,
      });
      expect(() => provider.parseWebhook(payload, { 'stripe-signature': stale })).toThrow(
        SignatureInvalidError,
      );
      expect(() => provider.parseWebhook(payload, {})).toThrow(SignatureInvalidError);
    });

    it('a signed but malformed event → ValidationError', () => {
      const { payload, headers } = signed(
        stripeEvent('payment_intent.succeeded', {
          id: 'pi_9',
          amount_received: 0,
          currency: 'usd',
        }),
      );
      expect(() => provider.parseWebhook(payload, headers)).toThrow(ValidationError);
      const notJson = 'not json';
      const header = stripe.webhooks.generateTestHeaderString({
        payload: notJson,
        secret: WEBHOOK_SECRET,
      });
      expect(() => provider.parseWebhook(notJson, { 'stripe-signature': header })).toThrow(
        ValidationError,
      );
    });
  });
});
