import { domainError, DomainError } from '@domain/shared/domain-error';

export class IdempotencyKeyReusedError extends domainError(
  'IDEMPOTENCY_KEY_REUSED',
  'unprocessable',
  'This Idempotency-Key was used with a different request',
) {}

export class IdempotencyInProgressError extends DomainError {
  readonly code = 'IDEMPOTENCY_IN_PROGRESS';
  readonly kind = 'conflict' as const;
  override readonly retryAfterSeconds = 1;
  constructor() {
    super('A request with this Idempotency-Key is still being processed');
  }
}
