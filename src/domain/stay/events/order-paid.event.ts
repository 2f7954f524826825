import { DomainEvent } from '@domain/shared/domain-event';
import { Order } from '../order.aggregate';

export const ORDER_PAID = 'stay.order-paid';

/** The check-in code is not in the payload: subscribers read it from the order row. */
export function orderPaid(eventId: string, order: Order, now: Date): DomainEvent {
  const o = order.snapshot();
  return {
    id: eventId,
    type: ORDER_PAID,
    aggregateId: o.id,
    occurredAt: now,
    payload: {
      orderId: o.id,
      homestayId: o.homestayId,
      guestId: o.guestId,
      hostId: o.hostId,
      amount: o.amount,
      currency: o.currency,
      transferId: o.transferId,
    },
  };
}
