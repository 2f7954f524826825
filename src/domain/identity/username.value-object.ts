import { ValidationError } from '../shared/domain-error';

const USERNAME_PATTERN = /^[a-z0-9_]{3,32}$/;

export class Username {
  private constructor(readonly value: string) {}

  static create(raw: string): Username {
    if (!USERNAME_PATTERN.test(raw)) {
      throw new ValidationError('username', 'must be 3-32 characters of a-z, 0-9 and _');
    }
    return new Username(raw);
  }

  /** Derives a valid username from free text (an email's local part, a phone number). */
  static derive(seed: string, suffix = ''): Username {
    const base = seed
      .toLowerCase()
      .replace(/[^a-z0-9_]/g, '_')
      .slice(0, 32 - suffix.length);
    return Username.create(
      (base.length >= 3 ? base : `user_${base}`).slice(0, 32 - suffix.length) + suffix,
    );
  }
}
