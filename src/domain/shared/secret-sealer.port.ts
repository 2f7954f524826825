/**
 * Authenticated encryption of short secrets that have to pass through places we don't want
 * them readable in (an outbox row, a queue job shown on the admin dashboard).
 */
export interface SecretSealer {
  seal(plain: string): string;
  /** Throws when the value was tampered with or sealed under another key. */
  open(sealed: string): string;
}

export const SECRET_SEALER = Symbol('SecretSealer');
