import { domainError, RateLimitedError } from '../shared/domain-error';

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

export class OrderNotRefundableError extends domainError(
  'ORDER_NOT_REFUNDABLE',
  'conflict',
  (status: string) => `Only a paid order can be refunded; this one is ${status}`,
) {}

export class RefundWindowClosedError extends domainError(
  'REFUND_WINDOW_CLOSED',
  'unprocessable',
  (closedAt: Date) => `Refunds for this stay closed at ${closedAt.toISOString()}`,
) {}

export class OrderNotCheckableError extends domainError(
  'ORDER_NOT_CHECKABLE',
  'conflict',
  (why: string) => `Only a paid order can be checked in before its check-out day; ${why}`,
) {}

export class CheckInTooEarlyError extends domainError(
  'CHECK_IN_TOO_EARLY',
  'unprocessable',
  (opensAt: Date) => `Check-in opens at ${opensAt.toISOString()}`,
) {}

export class CheckInCodeInvalidError extends domainError(
  'CHECK_IN_CODE_INVALID',
  'unprocessable',
  (attemptsLeft: number) =>
    attemptsLeft > 0
      ? `Wrong check-in code; ${attemptsLeft} attempt${attemptsLeft === 1 ? '' : 's'} left before check-in is locked`
      : 'Wrong check-in code; check-in is now locked for a while',
) {}

export class CheckInAttemptsExceededError extends RateLimitedError {
  override readonly code = 'CHECK_IN_ATTEMPTS_EXCEEDED';

  constructor(retryAfterSeconds: number) {
    super(retryAfterSeconds, 'Too many wrong check-in codes for this order; try again later');
  }
}
