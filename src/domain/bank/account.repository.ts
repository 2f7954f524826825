import { Account } from './account.aggregate';
import { Currency } from './money.value-object';
import { SystemAccountRole } from './system-account';
import { Entry, Transfer, TransferResult } from './transfer';

export interface AccountRepository {
  findById(id: string): Promise<Account | null>;
  findByOwnerAndCurrency(ownerId: string, currency: Currency): Promise<Account | null>;
  systemAccountId(role: SystemAccountRole, currency: Currency): string;
  /** Throws AccountExistsError when the owner already has this currency. */
  insert(account: Account): Promise<void>;
  /**
   * Locks the accounts (SELECT ... FOR UPDATE) in ascending id order, whatever the order
   * asked, so two transfers between the same accounts can't deadlock each other.
   */
  lockInIdOrder(ids: string[]): Promise<Map<string, Account>>;
  /** Writes the transfer, both entries and both new balances. Inside the caller's transaction. */
  record(result: TransferResult, accounts: [Account, Account]): Promise<void>;
  findTransfer(id: string): Promise<Transfer | null>;
  listByOwner(ownerId: string): Promise<Account[]>;
  /** Newest first; `beforeId` is the keyset position (entries with smaller ids follow). */
  listEntries(accountId: string, beforeId: string | null, limit: number): Promise<Entry[]>;
}

export const ACCOUNT_REPOSITORY = Symbol('AccountRepository');
