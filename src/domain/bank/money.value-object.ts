import { ValidationError } from '../shared/domain-error';

export const CURRENCIES = ['USD', 'EUR', 'CNY'] as const;
export type Currency = (typeof CURRENCIES)[number];
export const MAX_AMOUNT = 1_000_000_000_000;

export function isCurrency(value: unknown): value is Currency {
  return typeof value === 'string' && (CURRENCIES as readonly string[]).includes(value);
}

/** A positive amount of one currency in integer minor units. No floats anywhere. */
export class Money {
  private constructor(
    readonly amount: number,
    readonly currency: Currency,
  ) {}

  static of(amount: unknown, currency: unknown): Money {
    if (
      typeof amount !== 'number' ||
      !Number.isSafeInteger(amount) ||
      amount < 1 ||
      amount > MAX_AMOUNT
    ) {
      throw new ValidationError(
        'amount',
        `must be an integer between 1 and ${MAX_AMOUNT} (minor units)`,
      );
    }
    if (!isCurrency(currency))
      throw new ValidationError('currency', `must be one of ${CURRENCIES.join(', ')}`);
    return new Money(amount, currency);
  }
}
