import { Transfer, TransferKind } from './transfer';
import { Currency } from './money.value-object';

export interface LedgerMove {
  fromAccountId: string;
  toAccountId: string;
  amount: number;
  currency: Currency;
  kind: TransferKind;
  note?: string | null;
}

/**
 * How other contexts move money (rewards, order payments). Joins the caller's transaction:
 * the money moves if and only if the caller's own change commits.
 */
export interface LedgerPort {
  move(move: LedgerMove): Promise<Transfer>;
}

export const LEDGER = Symbol('LedgerPort');
