import { DomainEvent } from '@domain/shared/domain-event';
import { Payment } from '../payment.aggregate';

/** A payment became refund_pending: the provider is to give the payer's money back. */
export const PAYMENT_REFUND_REQUESTED = 'payment.refund-requested';

export function paymentRefundRequested(eventId: string, payment: Payment, now: Date): DomainEvent {
  const p = payment.snapshot();
  return {
    id: eventId,
    type: PAYMENT_REFUND_REQUESTED,
    aggregateId: p.id,
    occurredAt: now,
    payload: {
      paymentId: p.id,
      provider: p.provider,
      providerRef: p.providerRef,
      amount: p.amount,
      currency: p.currency,
      purpose: p.purpose,
    },
  };
}
