/**
 * Check-in codes. A paid order's code is derived from the order and its payment under a
 * server key, so the guest's email can be (re)composed without the code being stored anywhere;
 * what is stored is a keyed hash of it (CheckInCredential.codeHash), which a database dump
 * does not turn back into a code.
 */
export interface CheckInCodes {
  /** The 6-digit code of the order paid by `paymentTransferId`. */
  codeFor(orderId: string, paymentTransferId: string): string;
  hash(orderId: string, code: string): string;
  /** Constant-time comparison of `code` with the stored hash. */
  matches(orderId: string, code: string, storedHash: string): boolean;
}

export const CHECK_IN_CODES = Symbol('CheckInCodes');
