import Stripe from 'stripe';
import { Currency } from '@domain/bank/money.value-object';
import {
  CreateProviderPayment,
  PaymentProvider,
  ProviderEvent,
  ProviderPayment,
  ProviderRefund,
  ProviderSettlement,
} from '@domain/payment/payment-provider.port';
import { SignatureInvalidError } from '@domain/payment/payment.errors';
import { ValidationError } from '@domain/shared/domain-error';
import { ProviderCallError } from '../provider-call-error';
import { toProviderEvent } from './stripe-event';

export const STRIPE_SIGNATURE_HEADER = 'stripe-signature';

export interface StripeSettings {
  secretKey: string;
  webhookSecret: string;
  /** The frontend page confirming the PaymentIntent with Stripe.js (see checkoutUrl). */
  checkoutPageUrl: string;
  /** stripe-mock or a test double instead of https://api.stripe.com. */
  apiUrl?: string;
  /** One request's timeout (the SDK aborts it). */
  timeoutMs: number;
  /** Tests: the SDK's HTTP client (Stripe.createFetchHttpClient(fakeFetch)). */
  httpClient?: Stripe.HttpClient;
}

export interface StripeRefund {
  refundRef: string;
  /** Stripe's refund status: pending, succeeded, failed, canceled, requires_action. */
  status: string;
}

/** One money movement the provider settled on a day (a charge in, or a refund out). */
export interface SettlementEntry {
  /** The PaymentIntent the movement belongs to (Atrium's providerRef). */
  providerRef: string;
  kind: 'charge' | 'refund';
  /** Gross amount in minor units: positive for a charge, negative for a refund. */
  amount: number;
  fee: number;
  currency: string;
  /** The balance transaction's id (txn_…). */
  transactionRef: string;
  createdAt: string;
}

/**
 * Stripe as the payment provider (PAYMENT_PROVIDER=stripe), with the official SDK.
 *
 * createPayment creates a PaymentIntent (amount in minor units, currency lower-case,
 * metadata.paymentId, Idempotency-Key = Atrium's payment id, automatic payment methods). Its
 * checkoutUrl is the frontend's Stripe.js page (STRIPE_CHECKOUT_URL) with
 * `#payment_intent=<pi id>&client_secret=<secret>`: the page mounts the Payment Element with
 * the client secret and confirms; the fragment never reaches a server or an access log. (A
 * hosted Checkout Session would need a second object whose id differs from the PaymentIntent's;
 * the PaymentIntent is what the webhook events name.)
 *
 * The SDK's own retries are off (maxNetworkRetries 0): ResilientPaymentProvider retries, times
 * out and breaks the circuit the same way for every provider.
 */
export class StripePaymentProvider implements PaymentProvider {
  readonly name = 'stripe' as const;
  private readonly stripe: Stripe;

  constructor(private readonly settings: StripeSettings) {
    const api = settings.apiUrl ? new URL(settings.apiUrl) : null;
    this.stripe = new Stripe(settings.secretKey, {
      maxNetworkRetries: 0,
      timeout: settings.timeoutMs,
      telemetry: false,
      appInfo: { name: 'Atrium' },
      ...(settings.httpClient ? { httpClient: settings.httpClient } : {}),
      ...(api
        ? {
            host: api.hostname,
            port: Number(api.port || (api.protocol === 'https:' ? 443 : 80)),
            protocol: api.protocol === 'https:' ? 'https' : 'http',
          }
        : {}),
    });
  }

  async createPayment(request: CreateProviderPayment): Promise<ProviderPayment> {
    const intent = await this.call(() =>
      this.stripe.paymentIntents.create(
        {
          amount: request.amount,
          currency: request.currency.toLowerCase(),
          description: request.description.slice(0, 255),
          metadata: { paymentId: request.paymentId },
          automatic_payment_methods: { enabled: true },
        },
        { idempotencyKey: request.paymentId },
      ),
    );
    if (!intent.client_secret)
      throw new ProviderCallError('Stripe returned a PaymentIntent without client_secret', false);
    const url = new URL(this.settings.checkoutPageUrl);
    url.hash = new URLSearchParams({
      payment_intent: intent.id,
      client_secret: intent.client_secret,
    }).toString();
    return { providerRef: intent.id, checkoutUrl: url.toString() };
  }

  /** The port's refund: the whole payment, keyed by Atrium's payment id (a retry refunds once). */
  async refund(request: ProviderRefund): Promise<void> {
    await this.refundIntent(request.providerRef, request.amount, `refund-${request.paymentId}`);
  }

  /**
   * Refunds `amount` of the PaymentIntent. The idempotency key (default: derived from the
   * PaymentIntent and the amount) makes a retried call the same refund.
   */
  async refundIntent(
    providerRef: string,
    amount: number,
    idempotencyKey = `refund-${providerRef}-${amount}`,
  ): Promise<StripeRefund> {
    const refund = await this.call(() =>
      this.stripe.refunds.create({ payment_intent: providerRef, amount }, { idempotencyKey }),
    );
    return { refundRef: refund.id, status: refund.status ?? 'pending' };
  }

  /**
   * The port's settlement report, for reconciliation: each charge balance transaction of the day
   * as a `charge` line of its PaymentIntent, each refund one as a `refund` line (amount positive,
   * gross: Stripe's fee is not Atrium's money), both `succeeded` (a balance transaction is money
   * that moved). Stripe does not carry Atrium's payment id in a balance transaction (paymentId
   * null: the reconciliation matches by providerRef).
   */
  async settlementReport(date: string): Promise<ProviderSettlement[]> {
    return (await this.balanceTransactions(date)).map((e) => ({
      kind: e.kind,
      providerRef: e.providerRef,
      paymentId: null,
      amount: Math.abs(e.amount),
      currency: e.currency,
      status: 'succeeded',
      settledAt: new Date(e.createdAt),
    }));
  }

  /**
   * The balance transactions created on `date` (a UTC day) of type charge, payment, refund
   * and payment_refund, their source expanded to find the PaymentIntent: what Stripe moved
   * into or out of the balance that day, per payment.
   */
  async balanceTransactions(date: string): Promise<SettlementEntry[]> {
    const from = Date.parse(`${date}T00:00:00Z`);
    if (Number.isNaN(from)) throw new ValidationError('date', 'must be YYYY-MM-DD');
    const entries: SettlementEntry[] = [];
    await this.call(async () => {
      entries.length = 0;
      const list = this.stripe.balanceTransactions.list({
        created: { gte: from / 1000, lt: from / 1000 + 86_400 },
        limit: 100,
        expand: ['data.source'],
      });
      for await (const txn of list) {
        const entry = settlementEntryOf(txn);
        if (entry) entries.push(entry);
      }
    });
    return entries;
  }

  parseWebhook(
    rawBody: string,
    headers: Record<string, string | string[] | undefined>,
  ): ProviderEvent {
    const header = headers[STRIPE_SIGNATURE_HEADER];
    const signature = Array.isArray(header) ? header[0] : header;
    if (!signature) throw new SignatureInvalidError('missing Stripe-Signature header');
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, signature, this.settings.webhookSecret);
    } catch (err) {
      if (err instanceof Stripe.errors.StripeSignatureVerificationError)
        throw new SignatureInvalidError('no valid Stripe signature for the body');
      throw new ValidationError('body', 'is not a JSON Stripe event');
    }
    return toProviderEvent(event);
  }

  /** Maps the SDK's errors to ProviderCallError (transient or not). */
  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof ProviderCallError) throw err;
      if (err instanceof Stripe.errors.StripeError) {
        const status = err.statusCode;
        const transient =
          err instanceof Stripe.errors.StripeConnectionError ||
          err instanceof Stripe.errors.StripeAPIError ||
          err instanceof Stripe.errors.StripeRateLimitError ||
          err instanceof Stripe.errors.StripeIdempotencyError ||
          status === undefined ||
          status === 409 ||
          status === 429 ||
          status >= 500;
        throw new ProviderCallError(
          `Stripe: ${err.type} ${status ?? ''} ${err.message}`,
          transient,
          err,
        );
      }
      throw new ProviderCallError(`Stripe: ${(err as Error).message}`, true, err);
    }
  }
}

function settlementEntryOf(txn: Stripe.BalanceTransaction): SettlementEntry | null {
  const kind =
    txn.type === 'charge' || txn.type === 'payment'
      ? 'charge'
      : txn.type === 'refund' || txn.type === 'payment_refund'
        ? 'refund'
        : null;
  if (!kind) return null;
  const source = txn.source as { payment_intent?: string | { id: string } | null } | string | null;
  const intent = typeof source === 'object' && source !== null ? source.payment_intent : null;
  const providerRef = typeof intent === 'string' ? intent : intent?.id;
  if (!providerRef) return null;
  return {
    providerRef,
    kind,
    amount: txn.amount,
    fee: txn.fee,
    currency: txn.currency.toUpperCase() as Currency,
    transactionRef: txn.id,
    createdAt: new Date(txn.created * 1000).toISOString(),
  };
}
