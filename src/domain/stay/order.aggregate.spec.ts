import { ValidationError } from '../shared/domain-error';
import { Homestay } from './homestay.aggregate';
import { Order } from './order.aggregate';
import { StayDates } from './stay-dates.value-object';
import {
  CannotBookOwnHomestayError,
  GuestsExceedCapacityError,
  OrderNotCancellableError,
  OrderNotPayableError,
  PendingOrderLimitError,
} from './stay.errors';

const now = new Date('2026-11-23T10:00:00.000Z');
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);
const homestay = Homestay.create(
  'h1',
  'host',
  {
    title: 'Loft',
    description: 'Bright',
    city: 'Lisbon',
    pricePerNight: 12_500,
    currency: 'EUR',
    maxGuests: 3,
  },
  now,
);

function place(
  overrides: Partial<{
    guestId: string;
    guests: number;
    checkOut: string;
    homestay: Homestay;
    pendingOrdersOfGuest: number;
  }> = {},
): Order {
  return Order.place({
    id: 'o1',
    homestay: overrides.homestay ?? homestay,
    guestId: overrides.guestId ?? 'guest',
    dates: StayDates.request('2026-12-01', overrides.checkOut ?? '2026-12-04', now),
    guests: overrides.guests ?? 2,
    now,
    paymentTimeoutSeconds: 900,
    pendingOrdersOfGuest: overrides.pendingOrdersOfGuest ?? 0,
    maxPendingOrders: 3,
  });
}

describe('Order', () => {
  it('is placed pending payment at nights × pricePerNight, due payment timeout after creation', () => {
    expect(place().snapshot()).toEqual({
      id: 'o1',
      homestayId: 'h1',
      guestId: 'guest',
      hostId: 'host',
      checkIn: '2026-12-01',
      checkOut: '2026-12-04',
      nights: 3,
      guests: 2,
      amount: 37_500,
      currency: 'EUR',
      status: 'pending_payment',
      payBefore: later(900),
      paidAt: null,
      cancelledAt: null,
      cancelReason: null,
      transferId: null,
      paidFromAccountId: null,
      checkedInAt: null,
      refundedAt: null,
      payoutTransferId: null,
      feeTransferId: null,
      refundTransferId: null,
      createdAt: now,
    });
  });

  it('keeps the price of the time of ordering when the homestay changes later', () => {
    const h = Homestay.restore(homestay.snapshot());
    const order = place({ homestay: h });
    h.edit({ pricePerNight: 1 });
    expect(order.amount).toBe(37_500);
  });

  it('refuses the host as guest, too many guests, no guests and a price over the maximum', () => {
    expect(() => place({ guestId: 'host' })).toThrow(CannotBookOwnHomestayError);
    expect(() => place({ guests: 4 })).toThrow(GuestsExceedCapacityError);
    expect(place({ guests: 3 }).snapshot().guests).toBe(3);
    expect(() => place({ guests: 0 })).toThrow(ValidationError);
    const pricey = Homestay.restore({ ...homestay.snapshot(), pricePerNight: 1_000_000_000_000 });
    expect(() => place({ homestay: pricey, checkOut: '2026-12-03' })).toThrow(ValidationError);
    expect(place({ homestay: pricey, checkOut: '2026-12-02' }).amount).toBe(1_000_000_000_000);
  });

  it('refuses a guest who already holds MAX_PENDING_ORDERS unpaid orders', () => {
    expect(place({ pendingOrdersOfGuest: 2 }).status).toBe('pending_payment');
    expect(() => place({ pendingOrdersOfGuest: 3 })).toThrow(PendingOrderLimitError);
    expect(() => place({ pendingOrdersOfGuest: 7 })).toThrow(PendingOrderLimitError);
    // The request's own mistakes are reported first.
    expect(() => place({ pendingOrdersOfGuest: 3, guests: 4 })).toThrow(GuestsExceedCapacityError);
  });

  it('is visible to its guest and host only', () => {
    const o = place();
    expect([o.isVisibleTo('guest'), o.isVisibleTo('host'), o.isVisibleTo('stranger')]).toEqual([
      true,
      true,
      false,
    ]);
  });

  describe('state machine', () => {
    it('pending → paid before the deadline, with the transfer and the paying account', () => {
      const o = place();
      o.markPaid('t1', 'acc-guest', later(899));
      expect(o.snapshot()).toMatchObject({
        status: 'paid',
        paidAt: later(899),
        transferId: 't1',
        paidFromAccountId: 'acc-guest',
      });
    });

    it('cannot be paid at or after the deadline, even while still pending', () => {
      const o = place();
      expect(() => o.markPaid('t1', 'acc-guest', later(900))).toThrow(OrderNotPayableError);
      expect(o.status).toBe('pending_payment');
    });

    it('paid: no second payment, no cancellation, no expiry', () => {
      const o = place();
      o.markPaid('t1', 'acc-guest', later(1));
      expect(() => o.markPaid('t2', 'acc-guest', later(2))).toThrow(OrderNotPayableError);
      expect(() => o.cancelByGuest(later(2))).toThrow(OrderNotCancellableError);
      expect(o.expire(later(10_000))).toBe(false);
      expect(o.snapshot()).toMatchObject({ status: 'paid', transferId: 't1', cancelReason: null });
    });

    it('pending → cancelled by the guest; then neither payable nor cancellable again', () => {
      const o = place();
      o.cancelByGuest(later(5));
      expect(o.snapshot()).toMatchObject({
        status: 'cancelled',
        cancelReason: 'by_guest',
        cancelledAt: later(5),
      });
      expect(() => o.markPaid('t1', 'acc-guest', later(6))).toThrow(OrderNotPayableError);
      expect(() => o.cancelByGuest(later(6))).toThrow(OrderNotCancellableError);
      expect(o.expire(later(10_000))).toBe(false);
      expect(o.snapshot().cancelReason).toBe('by_guest');
    });

    it('pending → cancelled by the deadline only once it has passed (idempotent)', () => {
      const o = place();
      expect(o.expire(later(899))).toBe(false);
      expect(o.status).toBe('pending_payment');
      expect(o.expire(later(900))).toBe(true);
      expect(o.snapshot()).toMatchObject({
        status: 'cancelled',
        cancelReason: 'payment_timeout',
        cancelledAt: later(900),
      });
      expect(o.expire(later(901))).toBe(false);
      expect(() => o.markPaid('t1', 'acc-guest', later(901))).toThrow(OrderNotPayableError);
    });
  });
});
