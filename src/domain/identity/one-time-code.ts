import { randomInt } from 'node:crypto';

export const OTP_DIGITS = 6;

/** A uniformly random 6-digit code (leading zeros kept). */
export function newOneTimeCode(): string {
  return String(randomInt(0, 10 ** OTP_DIGITS)).padStart(OTP_DIGITS, '0');
}

/**
 * The SMS text. API.md: the code is its only 6-digit number (clients and tests pick it out
 * with /\b\d{6}\b/), so nothing else in it may have six digits in a row.
 */
export function oneTimeCodeSms(code: string, ttlSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(ttlSeconds / 60));
  return `Atrium sign-in code: ${code}. It expires in ${minutes} min. Never share it with anyone.`;
}

export type OtpIssueResult = { issued: true } | { issued: false; retryAfterSeconds: number };

export type OtpCheckResult =
  | { outcome: 'valid' }
  /** Wrong (the try is counted), expired, used or never sent. */
  | { outcome: 'invalid' }
  /** The code is dead after too many wrong tries; a new one can be sent in retryAfterSeconds. */
  | { outcome: 'exceeded'; retryAfterSeconds: number };

/**
 * Where pending codes live (Redis). Each operation is one atomic step, so parallel requests
 * can neither get two codes inside the resend window nor more than `maxAttempts` tries.
 * Codes are stored only as keyed hashes. Throws DependencyUnavailableError when the store is
 * unreachable: there is no other copy of a code.
 */
export interface OtpStore {
  /** Replaces any pending code for `phone` unless one was issued less than `resendSeconds` ago. */
  issue(
    phone: string,
    code: string,
    ttlSeconds: number,
    resendSeconds: number,
  ): Promise<OtpIssueResult>;
  /** One try: the right code is consumed; a wrong one counts towards `maxAttempts`. */
  check(phone: string, code: string, maxAttempts: number): Promise<OtpCheckResult>;
}

export const OTP_STORE = Symbol('OtpStore');
