export interface PasswordHasher {
  hash(plain: string): Promise<string>;
  /**
   * Compares against `hash`, or against a fixed dummy hash of the same cost when `hash` is
   * null, so unknown users cost the same time as wrong passwords.
   */
  verify(plain: string, hash: string | null): Promise<boolean>;
}

export const PASSWORD_HASHER = Symbol('PasswordHasher');
