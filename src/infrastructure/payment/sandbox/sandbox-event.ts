import { MAX_AMOUNT } from '@domain/bank/money.value-object';
import type { ProviderEvent } from '@domain/payment/payment-provider.port';
import { ValidationError } from '@domain/shared/domain-error';

/** The JSON the sandbox posts to the webhook (API.md, sandbox provider). */
export interface SandboxEventBody {
  id: string;
  type: string;
  createdAt: string;
  data: { providerRef: string; amount: number; currency: string };
}

/** The `refund.succeeded` event of a refunded charge; its id is the same however often it is built. */
export function refundEvent(charge: {
  providerRef: string;
  amount: number;
  currency: string;
}): SandboxEventBody {
  return {
    id: `evt_${charge.providerRef}_refunded`,
    type: 'refund.succeeded',
    createdAt: new Date().toISOString(),
    data: { providerRef: charge.providerRef, amount: charge.amount, currency: charge.currency },
  };
}

function invalid(field: string): never {
  throw new ValidationError(field, 'is missing or malformed in the provider event');
}

/** Reads a verified body; a signed but unreadable event is a 400 VALIDATION_FAILED. */
export function readSandboxEvent(rawBody: string): ProviderEvent {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    invalid('body');
  }
  const event = body as Partial<SandboxEventBody> | null;
  if (typeof event !== 'object' || event === null) invalid('body');
  if (typeof event.id !== 'string' || !/^[\x21-\x7e]{1,128}$/.test(event.id)) invalid('id');
  if (typeof event.type !== 'string' || event.type.length > 64) invalid('type');
  if (typeof event.createdAt !== 'string') invalid('createdAt');
  const data = event.data;
  if (typeof data !== 'object' || data === null) invalid('data');
  if (typeof data.providerRef !== 'string' || data.providerRef.length > 64)
    invalid('data.providerRef');
  if (!Number.isSafeInteger(data.amount) || data.amount < 1 || data.amount > MAX_AMOUNT)
    invalid('data.amount');
  if (typeof data.currency !== 'string' || data.currency.length > 8) invalid('data.currency');
  return {
    id: event.id,
    type: event.type,
    createdAt: event.createdAt,
    providerRef: data.providerRef,
    amount: data.amount,
    currency: data.currency,
  };
}
