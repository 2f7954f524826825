import { MAX_AMOUNT, Money } from './money.value-object';

describe('Money', () => {
  it('holds a positive integer amount of minor units in a known currency', () => {
    const m = Money.of(1250, 'EUR');
    expect([m.amount, m.currency]).toEqual([1250, 'EUR']);
    expect(Money.of(MAX_AMOUNT, 'CNY').amount).toBe(1_000_000_000_000);
  });

  it.each([
    0,
    -1,
    1.5,
    Number.NaN,
    Infinity,
    MAX_AMOUNT + 1,
    Number.MAX_SAFE_INTEGER + 2,
    '100',
    null,
    undefined,
  ])('rejects amount %p', (amount) => {
    expect(() => Money.of(amount, 'USD')).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        fieldErrors: [expect.objectContaining({ field: 'amount' })],
      }),
    );
  });

  it.each(['usd', 'GBP', '', 1, null])('rejects currency %p', (currency) => {
    expect(() => Money.of(1, currency)).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        fieldErrors: [expect.objectContaining({ field: 'currency' })],
      }),
    );
  });
});
