import { ValidationError } from '../shared/domain-error';
import { Homestay } from './homestay.aggregate';
import { Order, OrderStatus, splitPayout } from './order.aggregate';
import { StayDates } from './stay-dates.value-object';
import {
  CannotBookOwnHomestayError,
  CheckInTooEarlyError,
  GuestsExceedCapacityError,
  OrderNotCancellableError,
  OrderNotCheckableError,
  OrderNotPayableError,
  OrderNotRefundableError,
  PendingOrderLimitError,
  RefundWindowClosedError,
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

  describe('after payment (check-in, refund, no-show)', () => {
    // place(): checkIn 2026-12-01, checkOut 2026-12-04, placed 2026-11-23T10:00Z.
    const at = (iso: string) => new Date(iso);
    const CHECK_IN_OPENS = at('2026-12-01T00:00:00.000Z');
    const NO_SHOW_AT = at('2026-12-04T00:00:00.000Z');
    const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);
    const settlement = { payoutTransferId: 'payout-1', feeTransferId: 'fee-1' };

    function paid(): Order {
      const o = place();
      o.markPaid('t1', 'acc-guest', later(1));
      return o;
    }

    /** An order in each state, reached through the state machine's own transitions. */
    const inState: Record<string, () => Order> = {
      pending_payment: () => place(),
      paid,
      checked_in: () => {
        const o = paid();
        o.checkIn(CHECK_IN_OPENS, settlement);
        return o;
      },
      refunded: () => {
        const o = paid();
        o.refund(later(2), 24, 'refund-1');
        return o;
      },
      no_show: () => {
        const o = paid();
        o.markNoShow(NO_SHOW_AT, settlement);
        return o;
      },
      'cancelled (by_guest)': () => {
        const o = place();
        o.cancelByGuest(later(2));
        return o;
      },
      'cancelled (payment_timeout)': () => {
        const o = place();
        expect(o.expire(later(900))).toBe(true);
        return o;
      },
    };

    /**
     * Each action at an instant at which it would succeed from its one source state, so a
     * refusal below is about the state alone.
     */
    const actions: Record<string, (o: Order) => unknown> = {
      markPaid: (o) => o.markPaid('t2', 'acc-guest', later(3)),
      cancelByGuest: (o) => o.cancelByGuest(later(3)),
      expire: (o) => o.expire(later(900)),
      assertCheckable: (o) => o.assertCheckable(CHECK_IN_OPENS),
      checkIn: (o) => o.checkIn(CHECK_IN_OPENS, settlement),
      assertRefundable: (o) => o.assertRefundable(later(3), 24),
      refund: (o) => o.refund(later(3), 24, 'refund-2'),
      markNoShow: (o) => o.markNoShow(NO_SHOW_AT, settlement),
    };

    type Outcome =
      | { ok: OrderStatus; returns?: unknown }
      | { refused: new (...args: never[]) => Error; returns?: never }
      | { unchanged: true; returns: unknown };
    const refusalOf: Record<string, Outcome> = {
      markPaid: { refused: OrderNotPayableError },
      cancelByGuest: { refused: OrderNotCancellableError },
      expire: { unchanged: true, returns: false },
      assertCheckable: { refused: OrderNotCheckableError },
      checkIn: { refused: OrderNotCheckableError },
      assertRefundable: { refused: OrderNotRefundableError },
      refund: { refused: OrderNotRefundableError },
      markNoShow: { refused: Error },
    };
    /** The only (state, action) pairs that are allowed; everything else is refused. */
    const allowed: Record<string, Record<string, Outcome>> = {
      pending_payment: {
        markPaid: { ok: 'paid' },
        cancelByGuest: { ok: 'cancelled' },
        expire: { ok: 'cancelled', returns: true },
      },
      paid: {
        assertCheckable: { ok: 'paid' },
        checkIn: { ok: 'checked_in' },
        assertRefundable: { ok: 'paid' },
        refund: { ok: 'refunded' },
        markNoShow: { ok: 'no_show' },
      },
    };

    const label = (o: Outcome) =>
      'ok' in o
        ? `→ ${o.ok}`
        : 'refused' in o
          ? `refused: ${o.refused.name}`
          : `returns ${String(o.returns)}, changes nothing`;
    const table = Object.keys(inState).flatMap((state) =>
      Object.keys(actions).map((action) => {
        const outcome = allowed[state]?.[action] ?? refusalOf[action];
        return [state, action, label(outcome), outcome] as [string, string, string, Outcome];
      }),
    );

    it.each(table)('%s × %s %s', (state, action, _label, outcome) => {
      const o = inState[state]();
      const before = o.snapshot();
      if ('ok' in outcome) {
        const result = actions[action](o);
        expect(o.status).toBe(outcome.ok);
        if ('returns' in outcome) expect(result).toBe(outcome.returns);
      } else if ('refused' in outcome) {
        expect(() => actions[action](o)).toThrow(outcome.refused);
        expect(o.snapshot()).toEqual(before);
      } else {
        expect(actions[action](o)).toBe(outcome.returns);
        expect(o.snapshot()).toEqual(before);
      }
    });

    it('refusals name the error codes of the API', () => {
      const codeOf = (f: () => unknown) => {
        try {
          f();
        } catch (e) {
          return (e as { code?: string }).code;
        }
        return 'no error';
      };
      const refunded = inState.refunded();
      expect(codeOf(() => refunded.checkIn(CHECK_IN_OPENS, settlement))).toBe(
        'ORDER_NOT_CHECKABLE',
      );
      expect(codeOf(() => refunded.refund(later(3), 24, 'r'))).toBe('ORDER_NOT_REFUNDABLE');
      const p = paid();
      expect(codeOf(() => p.assertCheckable(ms(CHECK_IN_OPENS, -1)))).toBe('CHECK_IN_TOO_EARLY');
      expect(codeOf(() => p.assertRefundable(at('2026-11-30T00:00:00.000Z'), 24))).toBe(
        'REFUND_WINDOW_CLOSED',
      );
      expect(p.status).toBe('paid');
    });

    describe('check-in', () => {
      it('is CHECK_IN_TOO_EARLY until 00:00 UTC of checkIn (1 ms before included), naming that instant', () => {
        const o = paid();
        expect(o.checkInOpensAt).toEqual(CHECK_IN_OPENS);
        expect(() => o.checkIn(ms(CHECK_IN_OPENS, -1), settlement)).toThrow(CheckInTooEarlyError);
        expect(() => o.assertCheckable(ms(CHECK_IN_OPENS, -1))).toThrow(
          'Check-in opens at 2026-12-01T00:00:00.000Z',
        );
        expect(() => o.assertCheckable(later(5))).toThrow(CheckInTooEarlyError);
        expect(o.snapshot()).toEqual(paid().snapshot());
      });

      it('paid → checked_in exactly at 00:00 UTC of checkIn, with the settlement transfers', () => {
        const o = paid();
        o.checkIn(CHECK_IN_OPENS, settlement);
        expect(o.snapshot()).toEqual({
          ...paid().snapshot(),
          status: 'checked_in',
          checkedInAt: CHECK_IN_OPENS,
          payoutTransferId: 'payout-1',
          feeTransferId: 'fee-1',
        });
      });

      it('without a fee transfer the feeTransferId stays null', () => {
        const o = paid();
        o.checkIn(CHECK_IN_OPENS, { payoutTransferId: 'p', feeTransferId: null });
        expect(o.snapshot()).toMatchObject({ payoutTransferId: 'p', feeTransferId: null });
      });

      it('is allowed from checkIn 00:00 until 1 ms before checkOut 00:00; from check-out day on the order is a no-show: ORDER_NOT_CHECKABLE', () => {
        for (const when of [at('2026-12-02T15:30:00.000Z'), ms(NO_SHOW_AT, -1)]) {
          const o = paid();
          expect(() => o.assertCheckable(when)).not.toThrow();
          o.checkIn(when, settlement);
          expect(o.snapshot()).toMatchObject({ status: 'checked_in', checkedInAt: when });
        }
        for (const when of [NO_SHOW_AT, at('2026-12-10T00:00:00.000Z')]) {
          const o = paid();
          expect(() => o.assertCheckable(when)).toThrow(OrderNotCheckableError);
          expect(() => o.checkIn(when, settlement)).toThrow(OrderNotCheckableError);
          expect(o.status).toBe('paid');
        }
      });
    });

    describe('refund', () => {
      it('however negative the cutoff, the window closes at 00:00 UTC of checkOut (the stay is over)', () => {
        expect(paid().refundClosesAt(-720)).toEqual(NO_SHOW_AT);
        const o = paid();
        expect(() => o.refund(NO_SHOW_AT, -720, 'r')).toThrow(RefundWindowClosedError);
        o.refund(ms(NO_SHOW_AT, -1), -720, 'r');
        expect(o.status).toBe('refunded');
      });

      const cases: [number, string][] = [
        [24, '2026-11-30T00:00:00.000Z'],
        [0, '2026-12-01T00:00:00.000Z'],
        [-12, '2026-12-01T12:00:00.000Z'],
        [-24, '2026-12-02T00:00:00.000Z'],
        [8760, '2025-12-01T00:00:00.000Z'],
      ];

      it.each(cases)(
        'cutoff %i h: the window closes at %s, open 1 ms before, REFUND_WINDOW_CLOSED at and after it',
        (cutoff, closes) => {
          const closesAt = at(closes);
          expect(paid().refundClosesAt(cutoff)).toEqual(closesAt);

          const late = paid();
          expect(() => late.assertRefundable(closesAt, cutoff)).toThrow(RefundWindowClosedError);
          expect(() => late.refund(closesAt, cutoff, 'r')).toThrow(
            `Refunds for this stay closed at ${closes}`,
          );
          expect(() => late.refund(ms(closesAt, 3_600_000), cutoff, 'r')).toThrow(
            RefundWindowClosedError,
          );
          expect(late.snapshot()).toEqual(paid().snapshot());

          if (closesAt.getTime() <= later(1).getTime()) return; // closed before it was paid
          const inTime = paid();
          inTime.refund(ms(closesAt, -1), cutoff, 'refund-1');
          expect(inTime.snapshot()).toEqual({
            ...paid().snapshot(),
            status: 'refunded',
            refundedAt: ms(closesAt, -1),
            refundTransferId: 'refund-1',
          });
        },
      );

      it('a refunded order is neither checkable nor a no-show', () => {
        const o = inState.refunded();
        expect(o.isNoShow(NO_SHOW_AT)).toBe(false);
        expect(() => o.assertCheckable(CHECK_IN_OPENS)).toThrow(OrderNotCheckableError);
      });
    });

    describe('no-show', () => {
      it('isNoShow: false until 00:00 UTC of checkOut (1 ms before included), true from it', () => {
        const o = paid();
        expect(o.noShowAt).toEqual(NO_SHOW_AT);
        expect(o.isNoShow(later(5))).toBe(false);
        expect(o.isNoShow(ms(NO_SHOW_AT, -1))).toBe(false);
        expect(o.isNoShow(NO_SHOW_AT)).toBe(true);
        expect(o.isNoShow(at('2027-01-01T00:00:00.000Z'))).toBe(true);
      });

      it('markNoShow before 00:00 UTC of checkOut throws and changes nothing', () => {
        const o = paid();
        expect(() => o.markNoShow(ms(NO_SHOW_AT, -1), settlement)).toThrow(/not a no-show/);
        expect(o.snapshot()).toEqual(paid().snapshot());
      });

      it('paid → no_show at 00:00 UTC of checkOut with the settlement transfers, never checked in', () => {
        const o = paid();
        o.markNoShow(NO_SHOW_AT, { payoutTransferId: 'p', feeTransferId: null });
        expect(o.snapshot()).toEqual({
          ...paid().snapshot(),
          status: 'no_show',
          payoutTransferId: 'p',
          feeTransferId: null,
        });
      });

      it.each(Object.keys(inState).filter((s) => s !== 'paid'))(
        'a %s order is never a no-show, however late',
        (state) => {
          const o = inState[state]();
          expect(o.isNoShow(at('2030-01-01T00:00:00.000Z'))).toBe(false);
          expect(() => o.markNoShow(at('2030-01-01T00:00:00.000Z'), settlement)).toThrow(
            /not a no-show/,
          );
        },
      );
    });
  });

  describe('splitPayout(amount, feeBps)', () => {
    it.each([
      [1_000, 0, 1_000, 0],
      [1, 0, 1, 0],
      [1_000, 1_000, 900, 100],
      [1_000, 9_999, 1, 999],
      [1, 9_999, 1, 0],
      // floor(999 × 150 / 10000) = floor(14.985) = 14
      [999, 150, 985, 14],
      [37_500, 1_234, 32_873, 4_627],
      // the largest amount at the largest fee: exact, no floating-point error
      [1_000_000_000_000, 9_999, 100_000_000, 999_900_000_000],
      // products above 2^53, where a floating-point floor would take 1 too many
      [999_999_990_001, 9_999, 100_000_000, 999_899_990_001],
      [999_999_996_667, 9_997, 300_000_000, 999_699_996_667],
    ])('%i at %i bps → payout %i, fee %i', (amount, bps, payout, fee) => {
      expect(splitPayout(amount, bps)).toEqual({ payout, fee });
    });

    it('rounds the fee down, so the parts always add up to the amount and the host gets at least 1', () => {
      for (const amount of [1, 2, 3, 7, 99, 101, 9_999, 10_001, 123_456_789])
        for (const bps of [0, 1, 150, 3_333, 5_000, 9_998, 9_999]) {
          const { payout, fee } = splitPayout(amount, bps);
          expect(payout + fee).toBe(amount);
          expect(fee).toBe(Number((BigInt(amount) * BigInt(bps)) / 10_000n));
          expect(payout).toBeGreaterThanOrEqual(1);
          expect(Number.isInteger(fee)).toBe(true);
        }
    });

    it.each([-1, 10_000, 10_001, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])(
      'refuses %p basis points',
      (bps) => {
        expect(() => splitPayout(1_000, bps)).toThrow(/0\.\.9999 basis points/);
      },
    );
  });
});
