import { domainError } from '../shared/domain-error';

export class DatesUnavailableError extends domainError(
  'DATES_UNAVAILABLE',
  'conflict',
  'The homestay is already booked for some of these nights',
) {}

export class OrderNotPayableError extends domainError(
  'ORDER_NOT_PAYABLE',
  'conflict',
  (why: string) => `The order can no longer be paid: ${why}`,
) {}

export class OrderNotCancellableError extends domainError(
  'ORDER_NOT_CANCELLABLE',
  'conflict',
  (status: string) => `Only an order awaiting payment can be cancelled; this one is ${status}`,
) {}

export class CannotBookOwnHomestayError extends domainError(
  'CANNOT_BOOK_OWN_HOMESTAY',
  'unprocessable',
  'You cannot book your own homestay',
) {}

export class GuestsExceedCapacityError extends domainError(
  'GUESTS_EXCEED_CAPACITY',
  'unprocessable',
  (maxGuests: number) => `This homestay takes at most ${maxGuests} guests`,
) {}

export class PendingOrderLimitError extends domainError(
  'PENDING_ORDER_LIMIT',
  'unprocessable',
  (max: number) => `You already have ${max} orders awaiting payment: pay or cancel one first`,
) {}
