import { Account } from './account.aggregate';
import { CurrencyMismatchError, SameAccountError } from './bank.errors';
import { Currency, Money } from './money.value-object';
import { NotFoundError } from '../shared/domain-error';

export const TRANSFER_KINDS = [
  'transfer',
  'deposit',
  'reward',
  'payment',
  'payout',
  'fee',
  'refund',
  'top_up',
] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

/** Kinds a user starts between user accounts: to them system accounts do not exist. */
const BETWEEN_USERS: readonly TransferKind[] = ['transfer', 'reward'];
/**
 * Of those, kinds that may also come from a system account the caller names itself: a reward
 * paid through the external provider comes from `clearing` (the payment context, through the
 * ledger port). A user's own reward names their own account, checked by its handler.
 */
const FROM_SYSTEM_TOO: readonly TransferKind[] = ['reward'];

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
 * A system account never takes part in a transfer, nor receives a reward (to those callers it
 * does not exist; a reward may come from one: provider-paid rewards, from clearing); the other kinds are the bank's own flows (deposits from cash, payments into escrow,
 * ...), whose callers name the system account themselves.
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
  if (BETWEEN_USERS.includes(input.kind)) {
    if (to.isSystem || (from.isSystem && !FROM_SYSTEM_TOO.includes(input.kind)))
      throw new NotFoundError('Account');
  }
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
