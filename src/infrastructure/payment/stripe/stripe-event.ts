import Stripe from 'stripe';
import { MAX_AMOUNT } from '@domain/bank/money.value-object';
import type { ProviderEvent } from '@domain/payment/payment-provider.port';
import { ValidationError } from '@domain/shared/domain-error';

function invalid(field: string): never {
  throw new ValidationError(field, 'is missing or malformed in the Stripe event');
}

function amountOf(value: unknown, field: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 1 || (value as number) > MAX_AMOUNT)
    invalid(field);
  return value as number;
}

function refOf(value: unknown, field: string): string {
  // charge.payment_intent may be expanded into the object.
  const ref = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : value;
  if (typeof ref !== 'string' || ref.length === 0 || ref.length > 64) invalid(field);
  return ref;
}

/**
 * A verified Stripe event as the provider-neutral ProviderEvent (providerRef = the
 * PaymentIntent id, amounts in the currency's minor unit as Stripe's, currency upper-case):
 * - payment_intent.succeeded → payment.succeeded, amount = amount_received;
 * - payment_intent.payment_failed → payment.failed, amount = amount;
 * - charge.refunded → refund.succeeded, providerRef = charge.payment_intent, amount =
 *   amount_refunded (the total refunded so far on that charge).
 * Other types keep their Stripe name (the handler ignores them) and the object's id.
 */
export function toProviderEvent(event: Stripe.Event): ProviderEvent {
  if (typeof event.id !== 'string' || !/^[\x21-\x7e]{1,128}$/.test(event.id)) invalid('id');
  const createdAt = new Date(event.created * 1000).toISOString();
  const object = event.data?.object as unknown as Record<string, unknown> | undefined;
  if (typeof object !== 'object' || object === null) invalid('data.object');
  const currency = () => {
    if (typeof object.currency !== 'string' || object.currency.length > 8)
      invalid('data.object.currency');
    return object.currency.toUpperCase();
  };
  switch (event.type) {
    case 'payment_intent.succeeded':
      return {
        id: event.id,
        type: 'payment.succeeded',
        createdAt,
        providerRef: refOf(object.id, 'data.object.id'),
        amount: amountOf(object.amount_received, 'data.object.amount_received'),
        currency: currency(),
      };
    case 'payment_intent.payment_failed':
      return {
        id: event.id,
        type: 'payment.failed',
        createdAt,
        providerRef: refOf(object.id, 'data.object.id'),
        amount: amountOf(object.amount, 'data.object.amount'),
        currency: currency(),
      };
    case 'charge.refunded':
      return {
        id: event.id,
        type: 'refund.succeeded',
        createdAt,
        providerRef: refOf(object.payment_intent, 'data.object.payment_intent'),
        amount: amountOf(object.amount_refunded, 'data.object.amount_refunded'),
        currency: currency(),
      };
    default:
      return {
        id: event.id,
        type: String(event.type).slice(0, 64),
        createdAt,
        providerRef: typeof object.id === 'string' ? object.id.slice(0, 64) : '',
        amount: 0,
        currency: '',
      };
  }
}
