import { DomainEvent } from '@domain/shared/domain-event';
import { Order } from '../order.aggregate';

export const ORDER_CHECK_OUT_DUE = 'stay.order-check-out-due';

/**
 * A delayed job through the outbox, appended when the order is paid: delivered at 00:00 UTC of
 * check-out, when an order nobody checked in becomes a no-show.
 */
export function orderCheckOutDue(eventId: string, order: Order, now: Date): DomainEvent {
  return {
    id: eventId,
    type: ORDER_CHECK_OUT_DUE,
    aggregateId: order.id,
    occurredAt: now,
    deliverAt: order.noShowAt,
    payload: { orderId: order.id, noShowAt: order.noShowAt.toISOString() },
  };
}
