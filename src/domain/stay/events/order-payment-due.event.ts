import { DomainEvent } from '@domain/shared/domain-event';
import { Order } from '../order.aggregate';

export const ORDER_PAYMENT_DUE = 'stay.order-payment-due';

/** A delayed job through the outbox: delivered at the order's payment deadline. */
export function orderPaymentDue(eventId: string, order: Order, now: Date): DomainEvent {
  return {
    id: eventId,
    type: ORDER_PAYMENT_DUE,
    aggregateId: order.id,
    occurredAt: now,
    deliverAt: order.payBefore,
    payload: { orderId: order.id, payBefore: order.payBefore.toISOString() },
  };
}
