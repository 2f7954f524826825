import { DomainEvent } from '@domain/shared/domain-event';
import { Order } from '../order.aggregate';

/** The host checked the guest in: escrow paid out to the host (and the fee to revenue). */
export const ORDER_CHECKED_IN = 'stay.order-checked-in';
/** The guest refunded a paid order: escrow paid back to the account it came from. */
export const ORDER_REFUNDED = 'stay.order-refunded';
/** Check-out day came and nobody checked in: escrow paid out as at check-in. */
export const ORDER_NO_SHOW = 'stay.order-no-show';

export type OrderSettledType =
  typeof ORDER_CHECKED_IN | typeof ORDER_REFUNDED | typeof ORDER_NO_SHOW;

/** One of the three ways a paid order ends; the payload names the transfers that moved the escrow. */
export function orderSettled(
  type: OrderSettledType,
  eventId: string,
  order: Order,
  now: Date,
): DomainEvent {
  const o = order.snapshot();
  return {
    id: eventId,
    type,
    aggregateId: o.id,
    occurredAt: now,
    payload: {
      orderId: o.id,
      homestayId: o.homestayId,
      guestId: o.guestId,
      hostId: o.hostId,
      amount: o.amount,
      currency: o.currency,
      status: o.status,
      payoutTransferId: o.payoutTransferId,
      feeTransferId: o.feeTransferId,
      refundTransferId: o.refundTransferId,
    },
  };
}
