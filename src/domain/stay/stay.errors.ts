import { DomainError } from '../shared/domain-error';

export class DatesUnavailableError extends DomainError {
  readonly code = 'DATES_UNAVAILABLE';
  readonly kind = 'conflict' as const;
  constructor() {
    super('The homestay is already booked for some of these nights');
  }
}

export class OrderNotPayableError extends DomainError {
  readonly code = 'ORDER_NOT_PAYABLE';
  readonly kind = 'conflict' as const;
  constructor(why: string) {
    super(`The order can no longer be paid: ${why}`);
  }
}

export class OrderNotCancellableError extends DomainError {
  readonly code = 'ORDER_NOT_CANCELLABLE';
  readonly kind = 'conflict' as const;
  constructor(status: string) {
    super(`Only an order awaiting payment can be cancelled; this one is ${status}`);
  }
}

export class CannotBookOwnHomestayError extends DomainError {
  readonly code = 'CANNOT_BOOK_OWN_HOMESTAY';
  readonly kind = 'unprocessable' as const;
  constructor() {
    super('You cannot book your own homestay');
  }
}

export class GuestsExceedCapacityError extends DomainError {
  readonly code = 'GUESTS_EXCEED_CAPACITY';
  readonly kind = 'unprocessable' as const;
  constructor(maxGuests: number) {
    super(`This homestay takes at most ${maxGuests} guests`);
  }
}

export class PendingOrderLimitError extends DomainError {
  readonly code = 'PENDING_ORDER_LIMIT';
  readonly kind = 'unprocessable' as const;
  constructor(max: number) {
    super(`You already have ${max} orders awaiting payment: pay or cancel one first`);
  }
}
