import { ValidationError } from '../shared/domain-error';

// E.164: a plus, a country code that doesn't start with 0, at most 15 digits in all.
const E164 = /^\+[1-9]\d{6,14}$/;

export class Phone {
  private constructor(readonly value: string) {}

  static create(raw: string): Phone {
    if (!E164.test(raw))
      throw new ValidationError('phone', 'must be an E.164 number like +14155550123');
    return new Phone(raw);
  }
}
