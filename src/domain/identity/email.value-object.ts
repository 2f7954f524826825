import { ValidationError } from '../shared/domain-error';

// Pragmatic RFC 5322 subset: what mail servers actually accept (dot-atom local part,
// hostname labels, a TLD); quoted local parts and IP-literal domains are rejected.
const EMAIL_PATTERN =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

export class Email {
  private constructor(readonly value: string) {}

  static create(raw: string): Email {
    const value = raw.trim().toLowerCase();
    const [local] = value.split('@');
    if (value.length > 254 || !local || local.length > 64 || !EMAIL_PATTERN.test(value)) {
      throw new ValidationError('email', 'must be a valid email address');
    }
    return new Email(value);
  }
}
