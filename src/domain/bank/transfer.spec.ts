import { Account } from './account.aggregate';
import { CurrencyMismatchError, InsufficientFundsError, SameAccountError } from './bank.errors';
import { Money } from './money.value-object';
import { NotFoundError } from '../shared/domain-error';
import { executeTransfer } from './transfer';

const now = new Date('2026-11-23T10:00:00.000Z');
const ids = { transfer: 't1', debit: 'e1', credit: 'e2' };

function funded(id: string, balance: number, currency: 'USD' | 'EUR' = 'USD'): Account {
  return Account.restore({ id, ownerId: `owner-${id}`, currency, balance, createdAt: now });
}

describe('executeTransfer', () => {
  it('writes one transfer and two opposite entries with the balances after', () => {
    const from = funded('a', 1000);
    const to = funded('b', 50);
    const { transfer, entries } = executeTransfer({
      from,
      to,
      money: Money.of(300, 'USD'),
      kind: 'transfer',
      note: 'rent',
      ids,
      now,
    });
    expect(transfer).toEqual({
      id: 't1',
      fromAccountId: 'a',
      toAccountId: 'b',
      amount: 300,
      currency: 'USD',
      note: 'rent',
      kind: 'transfer',
      createdAt: now,
    });
    expect(entries).toEqual([
      {
        id: 'e1',
        accountId: 'a',
        transferId: 't1',
        amount: -300,
        balanceAfter: 700,
        createdAt: now,
      },
      {
        id: 'e2',
        accountId: 'b',
        transferId: 't1',
        amount: 300,
        balanceAfter: 350,
        createdAt: now,
      },
    ]);
    expect(entries[0].amount + entries[1].amount).toBe(0);
    expect(from.balance + to.balance).toBe(1050);
  });

  it('keeps system accounts out of transfers (either side) and from receiving rewards, changing nothing; the bank flows reach them', () => {
    const cash = Account.restore({
      id: 'cash',
      ownerId: null,
      currency: 'USD',
      balance: -500,
      createdAt: now,
    });
    const user = funded('a', 1000);
    for (const [kind, from, to] of [
      ['transfer', user, cash],
      ['transfer', cash, user],
      ['reward', user, cash],
    ] as const)
      expect(() =>
        executeTransfer({ from, to, money: Money.of(1, 'USD'), kind, note: null, ids, now }),
      ).toThrow(NotFoundError);
    expect([cash.balance, user.balance]).toEqual([-500, 1000]);
    executeTransfer({
      from: cash,
      to: user,
      money: Money.of(1, 'USD'),
      kind: 'deposit',
      note: null,
      ids,
      now,
    });
    expect([cash.balance, user.balance]).toEqual([-501, 1001]);
    executeTransfer({
      from: user,
      to: cash,
      money: Money.of(1, 'USD'),
      kind: 'payment',
      note: null,
      ids,
      now,
    });
    expect([cash.balance, user.balance]).toEqual([-500, 1000]);
    // A reward paid through the provider comes from a system account (clearing).
    executeTransfer({
      from: cash,
      to: user,
      money: Money.of(1, 'USD'),
      kind: 'reward',
      note: null,
      ids,
      now,
    });
    expect([cash.balance, user.balance]).toEqual([-501, 1001]);
  });

  it('refuses the same account on both sides', () => {
    const a = funded('a', 1000);
    expect(() =>
      executeTransfer({
        from: a,
        to: a,
        money: Money.of(1, 'USD'),
        kind: 'transfer',
        note: null,
        ids,
        now,
      }),
    ).toThrow(SameAccountError);
  });

  it('refuses a currency that differs from either account', () => {
    const usd = funded('a', 1000);
    const eur = funded('b', 1000, 'EUR');
    expect(() =>
      executeTransfer({
        from: usd,
        to: eur,
        money: Money.of(1, 'USD'),
        kind: 'transfer',
        note: null,
        ids,
        now,
      }),
    ).toThrow(CurrencyMismatchError);
    expect(() =>
      executeTransfer({
        from: usd,
        to: funded('c', 0),
        money: Money.of(1, 'EUR'),
        kind: 'transfer',
        note: null,
        ids,
        now,
      }),
    ).toThrow(CurrencyMismatchError);
    expect([usd.balance, eur.balance]).toEqual([1000, 1000]);
  });

  it('refuses to overdraw and changes nothing', () => {
    const from = funded('a', 99);
    const to = funded('b', 0);
    expect(() =>
      executeTransfer({
        from,
        to,
        money: Money.of(100, 'USD'),
        kind: 'transfer',
        note: null,
        ids,
        now,
      }),
    ).toThrow(InsufficientFundsError);
    expect([from.balance, to.balance]).toEqual([99, 0]);
  });
});
