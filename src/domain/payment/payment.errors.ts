import { domainError } from '../shared/domain-error';

/** A provider notification whose signature is missing, malformed, wrong or outside the time tolerance. */
export class SignatureInvalidError extends domainError(
  'SIGNATURE_INVALID',
  'validation',
  (why: string) => `The webhook signature is invalid: ${why}`,
) {}

/** A transition the payment's state does not allow (a programming error: callers check first). */
export class PaymentTransitionError extends domainError(
  'CONFLICT',
  'conflict',
  (from: string, to: string) => `A ${from} payment cannot become ${to}`,
) {}
