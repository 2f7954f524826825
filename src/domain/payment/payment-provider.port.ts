import { Currency } from '../bank/money.value-object';
import { PaymentProviderName } from './payment.aggregate';

export interface CreateProviderPayment {
  /** Atrium's payment id, also the idempotency key at the provider: a retry finds the same payment. */
  paymentId: string;
  amount: number;
  currency: Currency;
  description: string;
}

export interface ProviderPayment {
  providerRef: string;
  checkoutUrl: string;
}

export interface ProviderRefund {
  /** Atrium's payment id: the refund's idempotency key (a retried request refunds once). */
  paymentId: string;
  providerRef: string;
  amount: number;
  currency: Currency;
}

export const PROVIDER_EVENT_TYPES = [
  'payment.succeeded',
  'payment.failed',
  'refund.succeeded',
] as const;
export type ProviderEventType = (typeof PROVIDER_EVENT_TYPES)[number];

/** A notification from the provider whose signature was verified. */
export interface ProviderEvent {
  /** The provider's event id: the dedupe key (a redelivered event has the same id). */
  id: string;
  /** One of PROVIDER_EVENT_TYPES, or a type this version ignores. */
  type: string;
  createdAt: string;
  providerRef: string;
  amount: number;
  currency: string;
}

/**
 * One line of the provider's settlement report of a UTC day: a charge it decided that day, or a
 * refund it made that day (its own line, on its own day: a charge refunded later stays a
 * `succeeded` charge on the day it was paid).
 */
export interface ProviderSettlement {
  /** `charge`: money the payer paid in; `refund`: money the provider gave back to the payer. */
  kind: 'charge' | 'refund';
  providerRef: string;
  /** Atrium's payment id, when the provider reports it (the id the charge was created with). */
  paymentId: string | null;
  /** Minor units, positive for both kinds (the kind says the direction). */
  amount: number;
  currency: string;
  /**
   * `succeeded`: the money moved (a charge the provider owes Atrium, a refund it gave back);
   * other statuses (a declined charge) are reported but move none.
   */
  status: string;
  settledAt: Date;
}

/**
 * The external payment service provider. Nothing calls it inside a database transaction:
 * a call may be slow or fail, and a transaction must not wait on it.
 */
export interface PaymentProvider {
  /** null: no provider is configured (payments are unavailable). */
  readonly name: PaymentProviderName | null;
  createPayment(request: CreateProviderPayment): Promise<ProviderPayment>;
  /**
   * Asks for the whole payment back, idempotently (a repeated request refunds once). The
   * outcome arrives later as a `refund.succeeded` notification. Throws when the provider
   * cannot take the request now (the caller retries).
   */
  refund(request: ProviderRefund): Promise<void>;
  /**
   * Verifies the notification's signature on the raw body and reads it; throws
   * SignatureInvalidError (no effect may follow) or ValidationError (signed but unreadable).
   */
  parseWebhook(
    rawBody: string,
    headers: Record<string, string | string[] | undefined>,
  ): ProviderEvent;
  /**
   * The charges the provider decided and the refunds it made on the UTC day `date`
   * (YYYY-MM-DD), for reconciliation.
   */
  settlementReport(date: string): Promise<ProviderSettlement[]>;
}

export const PAYMENT_PROVIDER = Symbol('PaymentProvider');
