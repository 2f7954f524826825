import { domainError } from '../shared/domain-error';

/** A provider notification whose signature is missing, malformed, wrong or outside the time tolerance. */
export class SignatureInvalidError extends domainError(
  'SIGNATURE_INVALID',
  'validation',
  (why: string) => `The webhook signature is invalid: ${why}`,
) {}

/** A purpose API.md names but this version does not take yet (order, reward). */
export class PaymentPurposeNotSupportedError extends domainError(
  'UNPROCESSABLE',
  'unprocessable',
  (purpose: string) => `Payments with purpose ${purpose} are not supported yet`,
) {}

/** A transition the payment's state does not allow (a programming error: callers check first). */
export class PaymentTransitionError extends domainError(
  'CONFLICT',
  'conflict',
  (from: string, to: string) => `A ${from} payment cannot become ${to}`,
) {}
