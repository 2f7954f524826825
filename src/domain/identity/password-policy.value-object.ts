import { ValidationError } from '../shared/domain-error';

export const PASSWORD_MIN_BYTES = 8;
/** bcrypt only reads the first 72 bytes; longer passwords would be silently truncated. */
export const PASSWORD_MAX_BYTES = 72;

/** A plain-text password that satisfies the policy. Never stored, never logged. */
export class PlainPassword {
  private constructor(readonly value: string) {}

  static create(raw: string, field = 'password'): PlainPassword {
    const bytes = Buffer.byteLength(raw, 'utf8');
    if (bytes < PASSWORD_MIN_BYTES || bytes > PASSWORD_MAX_BYTES) {
      throw new ValidationError(
        field,
        `must be ${PASSWORD_MIN_BYTES}-${PASSWORD_MAX_BYTES} bytes long (UTF-8)`,
      );
    }
    if (!/\p{L}/u.test(raw) || !/\p{Nd}/u.test(raw)) {
      throw new ValidationError(field, 'must contain at least one letter and one digit');
    }
    return new PlainPassword(raw);
  }

  toString(): string {
    return '[redacted]';
  }
}
