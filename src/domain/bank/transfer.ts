import { Account } from './account.aggregate';
import { CurrencyMismatchError, SameAccountError } from './bank.errors';
import { Currency, Money } from './money.value-object';
import { NotFoundError } from '../shared/domain-error';

export type TransferKind = 'transfer' | 'deposit' | 'reward' | 'payment';

export interface Transfer {
  id: string;
  fromAccountId: string;
  toAccountId: string;
  amount: number;
  currency: Currency;
  note: string | null;
  kind: TransferKind;
  createdAt: Date;
}

export interface Entry {
  id: string;
  accountId: string;
  transferId: string;
  /** Signed: negative on the debited side. */
  amount: number;
  balanceAfter: number;
  createdAt: Date;
}

export interface TransferResult {
  transfer: Transfer;
  entries: [Entry, Entry];
}

/**
 * Moves money between two accounts: one Transfer and exactly two Entries (−amount, +amount),
 * the balances of both accounts changed accordingly. The caller persists all of it atomically.
 * A system cash account only ever appears as the source of a deposit: no transfer, reward or
 * payment can take money from it or send money to it (to those callers it does not exist).
 */
export function executeTransfer(input: {
  from: Account;
  to: Account;
  money: Money;
  kind: TransferKind;
  note: string | null;
  ids: { transfer: string; debit: string; credit: string };
  now: Date;
}): TransferResult {
  const { from, to, money, now } = input;
  if (to.isSystem || (from.isSystem && input.kind !== 'deposit'))
    throw new NotFoundError('Account');
  if (from.id === to.id) throw new SameAccountError();
  if (from.currency !== money.currency || to.currency !== money.currency)
    throw new CurrencyMismatchError();
  from.debit(money.amount);
  to.credit(money.amount);
  const transfer: Transfer = {
    id: input.ids.transfer,
    fromAccountId: from.id,
    toAccountId: to.id,
    amount: money.amount,
    currency: money.currency,
    note: input.note,
    kind: input.kind,
    createdAt: now,
  };
  return {
    transfer,
    entries: [
      {
        id: input.ids.debit,
        accountId: from.id,
        transferId: transfer.id,
        amount: -money.amount,
        balanceAfter: from.balance,
        createdAt: now,
      },
      {
        id: input.ids.credit,
        accountId: to.id,
        transferId: transfer.id,
        amount: money.amount,
        balanceAfter: to.balance,
        createdAt: now,
      },
    ],
  };
}
