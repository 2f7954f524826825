import { Email } from './email.value-object';
import { Username } from './username.value-object';

/** What a typed `login` names: a username or an email address, in its stored (canonical) form. */
export interface LoginName {
  readonly kind: 'username' | 'email';
  readonly value: string;
}

/**
 * Login matching is exact apart from ASCII letter case (usernames and emails are stored
 * lower-case ASCII): the typed login is trimmed, A-Z are lowered, and the result must be a
 * valid username or email address as stored, else it names no account (null). Nothing else is
 * folded: `tárget2`, `târget2` or `\u212Aarl` (Kelvin sign) never name `target2` or `karl`,
 * whatever the database collation would do. The columns are utf8mb4_bin as a second line.
 */
export function parseLogin(raw: string): LoginName | null {
  const value = raw.trim().replace(/[A-Z]+/g, (s) => s.toLowerCase());
  if (value.includes('@')) {
    try {
      // Email.create lowers with full Unicode rules (K → k): demand it changed nothing.
      return Email.create(value).value === value ? { kind: 'email', value } : null;
    } catch {
      return null;
    }
  }
  try {
    return { kind: 'username', value: Username.create(value).value };
  } catch {
    return null;
  }
}

/**
 * The form under which failed logins for a typed login are counted (besides the account's own
 * counter when it names one): accents, compatibility forms, format characters and case are
 * folded away, so `tárget2`, `TARGET2` and `targét2` all count against `target2`, and probing
 * unknown names is limited like guessing known ones.
 */
export function loginThrottleName(raw: string): string {
  return raw
    .normalize('NFKD')
    .replace(/[\p{M}\p{Cf}]/gu, '')
    .toLowerCase()
    .normalize('NFKC')
    .replace(/\s+/g, '');
}
