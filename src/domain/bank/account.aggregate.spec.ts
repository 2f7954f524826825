import { Account } from './account.aggregate';
import { InsufficientFundsError } from './bank.errors';

const now = new Date('2026-11-23T10:00:00.000Z');

describe('Account', () => {
  it('opens with balance 0 for its owner', () => {
    const a = Account.open('a1', 'owner-1', 'USD', now);
    expect(a.snapshot()).toEqual({
      id: 'a1',
      ownerId: 'owner-1',
      currency: 'USD',
      balance: 0,
      createdAt: now,
    });
    expect(a.isSystem).toBe(false);
  });

  it('credits and debits', () => {
    const a = Account.open('a1', 'o', 'USD', now);
    a.credit(500);
    a.debit(200);
    expect(a.balance).toBe(300);
  });

  it('never lets a user account go negative', () => {
    const a = Account.open('a1', 'o', 'USD', now);
    a.credit(100);
    expect(() => a.debit(101)).toThrow(InsufficientFundsError);
    expect(a.balance).toBe(100);
    a.debit(100);
    expect(a.balance).toBe(0);
  });

  it('lets a system cash account go negative (it is where deposits come from)', () => {
    const cash = Account.restore({
      id: 'sys',
      ownerId: null,
      currency: 'EUR',
      balance: 0,
      createdAt: now,
    });
    expect(cash.isSystem).toBe(true);
    cash.debit(1_000);
    expect(cash.balance).toBe(-1_000);
  });

  it('is visible to its owner and to admins only', () => {
    const a = Account.open('a1', 'o', 'USD', now);
    expect(a.isVisibleTo('o', false)).toBe(true);
    expect(a.isVisibleTo('stranger', false)).toBe(false);
    expect(a.isVisibleTo('stranger', true)).toBe(true);
  });
});
