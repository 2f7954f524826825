import type { ErrorCode } from './error-codes';

/**
 * The category of a domain error. The HTTP edge maps each kind to one status code, so the
 * domain never speaks HTTP but every error still has exactly one wire representation.
 */
export type DomainErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'rate_limited'
  | 'unavailable';

export interface FieldError {
  field: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  abstract readonly kind: DomainErrorKind;
  /** Seconds a client should wait before retrying (rate limits, unavailability). */
  readonly retryAfterSeconds?: number;
  readonly fieldErrors?: FieldError[];

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * The base class of an error whose code and kind never vary: the one way to declare one.
 * `message` is the text, or a function of the constructor's arguments.
 *
 *     export class SameAccountError extends domainError('SAME_ACCOUNT', 'unprocessable', 'Source and …') {}
 *     export class GuestsExceedCapacityError extends domainError('GUESTS_EXCEED_CAPACITY', 'unprocessable',
 *       (maxGuests: number) => `This homestay takes at most ${maxGuests} guests`) {}
 */
export function domainError<A extends unknown[] = []>(
  code: ErrorCode,
  kind: DomainErrorKind,
  message: string | ((...args: A) => string),
) {
  return class extends DomainError {
    readonly code = code;
    readonly kind = kind;

    constructor(...args: A) {
      super(typeof message === 'string' ? message : message(...args));
    }
  };
}

export class ValidationError extends DomainError {
  readonly code = 'VALIDATION_FAILED';
  readonly kind = 'validation' as const;
  override readonly fieldErrors: FieldError[];

  constructor(field: string, message: string) {
    super(`${field} ${message}`);
    this.fieldErrors = [{ field, message }];
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  readonly kind = 'not_found' as const;

  constructor(what = 'Resource') {
    super(`${what} not found`);
  }
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
  readonly kind = 'forbidden' as const;

  constructor(message = 'You are not allowed to do this') {
    super(message);
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
  readonly kind = 'unauthenticated' as const;

  constructor(message = 'Authentication required') {
    super(message);
  }
}

export class RateLimitedError extends DomainError {
  readonly code: ErrorCode = 'RATE_LIMITED';
  readonly kind = 'rate_limited' as const;
  override readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number, message = 'Too many requests') {
    super(message);
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}

export class DependencyUnavailableError extends DomainError {
  readonly code = 'DEPENDENCY_UNAVAILABLE';
  readonly kind = 'unavailable' as const;
  override readonly retryAfterSeconds: number = 5;

  constructor(message = 'A dependency is unavailable, retry shortly') {
    super(message);
  }
}
