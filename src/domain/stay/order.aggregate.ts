import { Currency, MAX_AMOUNT } from '../bank/money.value-object';
import { ValidationError } from '../shared/domain-error';
import { Homestay } from './homestay.aggregate';
import { StayDates } from './stay-dates.value-object';
import {
  CannotBookOwnHomestayError,
  GuestsExceedCapacityError,
  OrderNotCancellableError,
  OrderNotPayableError,
  PendingOrderLimitError,
} from './stay.errors';

export const ORDER_STATUSES = ['pending_payment', 'paid', 'cancelled'] as const;
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
  transferId: string | null;
  /** Given to the guest (by email) when the order is paid; never part of the API's Order. */
  checkInCode: string | null;
  createdAt: Date;
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
 * A booking. pending_payment → paid (by the guest's payment before payBefore) or
 * → cancelled (by the guest while pending, or by the payment deadline). Paid and cancelled
 * are final.
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
      checkInCode: null,
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

  markPaid(transferId: string, checkInCode: string, now: Date): void {
    this.assertPayable(now);
    if (!/^\d{6}$/.test(checkInCode)) throw new Error('A check-in code is 6 digits');
    this.props = { ...this.props, status: 'paid', paidAt: now, transferId, checkInCode };
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
