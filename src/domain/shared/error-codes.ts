/**
 * Every `code` the API can answer with in a problem+json body (API.md Error codes). The one
 * list: `DomainError.code`, the HTTP status fallbacks (STATUS_CODES) and the problem filter are
 * typed with it, so a code that is not here does not compile, and the OpenAPI document's
 * `ProblemResponse.code` enum is this list.
 */
export const ERROR_CODES = [
  // Any context
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'UNPROCESSABLE',
  'RATE_LIMITED',
  'DEPENDENCY_UNAVAILABLE',
  'INTERNAL_ERROR',
  // The HTTP edge (body parsing, routing)
  'METHOD_NOT_ALLOWED',
  'NOT_ACCEPTABLE',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'REQUEST_TIMEOUT',
  'URI_TOO_LONG',
  'HEADERS_TOO_LARGE',
  /** Load shedding (503, Retry-After) and draining on SIGTERM (503, Retry-After, Connection: close). */
  'OVERLOADED',
  'SHUTTING_DOWN',
  /** A client error with a status that has no code of its own (not expected in practice). */
  'ERROR',
  // Idempotency-Key
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_IN_PROGRESS',
  // Identity
  'INVALID_CREDENTIALS',
  'USERNAME_TAKEN',
  'EMAIL_TAKEN',
  'PHONE_TAKEN',
  'OTP_INVALID',
  'OTP_RESEND_TOO_SOON',
  'OTP_ATTEMPTS_EXCEEDED',
  // Bank
  'INSUFFICIENT_FUNDS',
  'CURRENCY_MISMATCH',
  'SAME_ACCOUNT',
  'RECIPIENT_HAS_NO_ACCOUNT',
  'ACCOUNT_EXISTS',
  // Content and interaction
  'ARTICLE_NOT_PUBLISHED',
  'CANNOT_REWARD_SELF',
  // Social
  'CANNOT_FOLLOW_SELF',
  /** A reply's parentId is not a live top-level comment of the same article (422). */
  'INVALID_PARENT',
  // Stay
  'DATES_UNAVAILABLE',
  'ORDER_NOT_PAYABLE',
  'ORDER_NOT_CANCELLABLE',
  'CANNOT_BOOK_OWN_HOMESTAY',
  'GUESTS_EXCEED_CAPACITY',
  'PENDING_ORDER_LIMIT',
  'ORDER_NOT_REFUNDABLE',
  'ORDER_NOT_CHECKABLE',
  'REFUND_WINDOW_CLOSED',
  'CHECK_IN_CODE_INVALID',
  'CHECK_IN_TOO_EARLY',
  'CHECK_IN_ATTEMPTS_EXCEEDED',
  // Payment
  /** A provider webhook with a missing, malformed, wrong or stale signature (400). */
  'SIGNATURE_INVALID',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
