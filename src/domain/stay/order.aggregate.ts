import { Currency, MAX_AMOUNT } from '../bank/money.value-object';
import { ValidationError } from '../shared/domain-error';
import { Homestay } from './homestay.aggregate';
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

export const ORDER_STATUSES = [
  'pending_payment',
  'paid',
  'checked_in',
  'refunded',
  'no_show',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const CANCEL_REASONS = ['by_guest', 'payment_timeout'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

export interface OrderProps {
  id: string;
  homestayId: string;
  guestId: string;
  hostId: string;
  checkIn: string;
  checkOut: string;
  nights: number;
  guests: number;
  amount: number;
  currency: Currency;
  status: OrderStatus;
  payBefore: Date;
  paidAt: Date | null;
  cancelledAt: Date | null;
  cancelReason: CancelReason | null;
  /** The payment (guest → escrow). */
  transferId: string | null;
  /** The guest's account the payment came from: a refund goes back there. */
  paidFromAccountId: string | null;
  checkedInAt: Date | null;
  refundedAt: Date | null;
  /** escrow → host at check-in or no-show (amount − fee). */
  payoutTransferId: string | null;
  /** escrow → revenue at check-in or no-show; null when the fee is 0. */
  feeTransferId: string | null;
  /** escrow → the paying account. */
  refundTransferId: string | null;
  createdAt: Date;
}

/** The money of a settled stay: what the host gets and what the platform keeps. */
export interface Payout {
  payout: number;
  fee: number;
}

/** fee = floor(amount × feeBps / 10000); the host gets the rest (PLATFORM_FEE_BPS < 10000, so always ≥ 1). */
export function splitPayout(amount: number, feeBps: number): Payout {
  if (!Number.isSafeInteger(feeBps) || feeBps < 0 || feeBps >= 10_000)
    throw new Error(`A platform fee is 0..9999 basis points, not ${feeBps}`);
  // amount × feeBps reaches 10^16, past 2^53: in floating point the floor could be off by one.
  const fee = Number((BigInt(amount) * BigInt(feeBps)) / 10_000n);
  return { payout: amount - fee, fee };
}

const HOUR_MS = 3_600_000;

/** 00:00 UTC of a 'YYYY-MM-DD' date. */
function startOfDay(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/** The transfers that pay a stay out of escrow. */
export interface SettlementTransfers {
  payoutTransferId: string;
  feeTransferId: string | null;
}

export interface PlaceOrder {
  id: string;
  homestay: Homestay;
  guestId: string;
  dates: StayDates;
  guests: number;
  now: Date;
  paymentTimeoutSeconds: number;
  /** The guest's orders awaiting payment (not past their deadline), counted under the guest's lock. */
  pendingOrdersOfGuest: number;
  /** MAX_PENDING_ORDERS: unpaid orders hold dates, so a guest may hold only this many at once. */
  maxPendingOrders: number;
}

/**
 * A booking and its state machine:
 *
 *     pending_payment ─pay (before payBefore)─────────────→ paid
 *     pending_payment ─cancel (guest) / payBefore passes──→ cancelled
 *     paid ─check-in (host, code, checkIn to checkOut day)─→ checked_in  (escrow → host, fee)
 *     paid ─refund (guest, until the cutoff)──────────────→ refunded     (escrow → payer)
 *     paid ─00:00 UTC checkOut passes─────────────────────→ no_show      (escrow → host, fee)
 *
 * checked_in, refunded, no_show and cancelled are final. Every transition is decided on the
 * order's locked row, so of two racing transitions exactly one happens.
 */
export class Order {
  private constructor(private props: OrderProps) {}

  /** Prices the stay at the homestay's current rate; availability is the repository's job. */
  static place({
    id,
    homestay,
    guestId,
    dates,
    guests,
    now,
    paymentTimeoutSeconds,
    pendingOrdersOfGuest,
    maxPendingOrders,
  }: PlaceOrder): Order {
    if (!Number.isSafeInteger(guests) || guests < 1)
      throw new ValidationError('guests', 'must be a positive integer');
    if (homestay.hostId === guestId) throw new CannotBookOwnHomestayError();
    if (guests > homestay.maxGuests) throw new GuestsExceedCapacityError(homestay.maxGuests);
    const amount = dates.nights * homestay.pricePerNight;
    if (amount > MAX_AMOUNT)
      throw new ValidationError(
        'checkOut',
        `the stay would cost more than ${MAX_AMOUNT} (minor units)`,
      );
    if (pendingOrdersOfGuest >= maxPendingOrders)
      throw new PendingOrderLimitError(maxPendingOrders);
    return new Order({
      id,
      homestayId: homestay.id,
      guestId,
      hostId: homestay.hostId,
      checkIn: dates.checkIn,
      checkOut: dates.checkOut,
      nights: dates.nights,
      guests,
      amount,
      currency: homestay.currency,
      status: 'pending_payment',
      payBefore: new Date(now.getTime() + paymentTimeoutSeconds * 1000),
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
  }

  static restore(props: OrderProps): Order {
    return new Order({ ...props });
  }

  get id(): string {
    return this.props.id;
  }
  get guestId(): string {
    return this.props.guestId;
  }
  get hostId(): string {
    return this.props.hostId;
  }
  get homestayId(): string {
    return this.props.homestayId;
  }
  get amount(): number {
    return this.props.amount;
  }
  get currency(): Currency {
    return this.props.currency;
  }
  get status(): OrderStatus {
    return this.props.status;
  }
  get payBefore(): Date {
    return this.props.payBefore;
  }
  get transferId(): string | null {
    return this.props.transferId;
  }
  get paidFromAccountId(): string | null {
    return this.props.paidFromAccountId;
  }
  /** 00:00 UTC of checkIn: check-in opens. */
  get checkInOpensAt(): Date {
    return startOfDay(this.props.checkIn);
  }
  /** 00:00 UTC of checkOut: an order still paid then is a no-show. */
  get noShowAt(): Date {
    return startOfDay(this.props.checkOut);
  }
  get dates(): StayDates {
    return StayDates.restore(this.props.checkIn, this.props.checkOut);
  }

  snapshot(): Readonly<OrderProps> {
    return { ...this.props };
  }

  /** Its guest and its host may see it; to anyone else it does not exist. */
  isVisibleTo(userId: string): boolean {
    return userId === this.props.guestId || userId === this.props.hostId;
  }

  /** Throws unless a payment made now may settle this order. */
  assertPayable(now: Date): void {
    if (this.props.status !== 'pending_payment')
      throw new OrderNotPayableError(`it is ${this.props.status}`);
    if (now.getTime() >= this.props.payBefore.getTime())
      throw new OrderNotPayableError('the payment deadline has passed');
  }

  markPaid(transferId: string, paidFromAccountId: string, now: Date): void {
    this.assertPayable(now);
    this.props = { ...this.props, status: 'paid', paidAt: now, transferId, paidFromAccountId };
  }

  /** Throws unless the host may check the guest in now (the code is checked apart). */
  assertCheckable(now: Date): void {
    if (this.props.status !== 'paid')
      throw new OrderNotCheckableError(`this one is ${this.props.status}`);
    // From check-out day on it is a no-show, whether or not the job has settled it yet.
    if (this.isNoShow(now))
      throw new OrderNotCheckableError(`the stay ended at ${this.noShowAt.toISOString()}`);
    if (now.getTime() < this.checkInOpensAt.getTime())
      throw new CheckInTooEarlyError(this.checkInOpensAt);
  }

  /** The host checked the guest in with the right code; the escrow was paid out by `transfers`. */
  checkIn(now: Date, transfers: SettlementTransfers): void {
    this.assertCheckable(now);
    this.props = { ...this.props, status: 'checked_in', checkedInAt: now, ...transfers };
  }

  /** The end of the refund window: `cutoffHours` before 00:00 UTC of checkIn (negative: after it, at most until check-out day). */
  refundClosesAt(cutoffHours: number): Date {
    const closesAt = this.checkInOpensAt.getTime() - cutoffHours * HOUR_MS;
    // However negative the cutoff, a stay that is over is no longer refundable.
    return new Date(Math.min(closesAt, this.noShowAt.getTime()));
  }

  /** Throws unless the guest may refund now. */
  assertRefundable(now: Date, cutoffHours: number): void {
    if (this.props.status !== 'paid') throw new OrderNotRefundableError(this.props.status);
    const closesAt = this.refundClosesAt(cutoffHours);
    if (now.getTime() >= closesAt.getTime()) throw new RefundWindowClosedError(closesAt);
  }

  refund(now: Date, cutoffHours: number, refundTransferId: string): void {
    this.assertRefundable(now, cutoffHours);
    this.props = { ...this.props, status: 'refunded', refundedAt: now, refundTransferId };
  }

  /** Still paid at 00:00 UTC of checkOut: the guest never checked in. */
  isNoShow(now: Date): boolean {
    return this.props.status === 'paid' && now.getTime() >= this.noShowAt.getTime();
  }

  /** The stay is over and nobody checked in: the escrow was paid out by `transfers`. */
  markNoShow(now: Date, transfers: SettlementTransfers): void {
    if (!this.isNoShow(now))
      throw new Error(
        `Order ${this.props.id} is ${this.props.status}, not a no-show at ${now.toISOString()}`,
      );
    this.props = { ...this.props, status: 'no_show', ...transfers };
  }

  cancelByGuest(now: Date): void {
    if (this.props.status !== 'pending_payment')
      throw new OrderNotCancellableError(this.props.status);
    this.props = { ...this.props, status: 'cancelled', cancelledAt: now, cancelReason: 'by_guest' };
  }

  /** The payment deadline has passed: cancels with payment_timeout; false when there is nothing to do. */
  expire(now: Date): boolean {
    if (this.props.status !== 'pending_payment' || now.getTime() < this.props.payBefore.getTime())
      return false;
    this.props = {
      ...this.props,
      status: 'cancelled',
      cancelledAt: now,
      cancelReason: 'payment_timeout',
    };
    return true;
  }
}
