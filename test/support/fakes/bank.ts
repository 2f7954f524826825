import { AccountDirectory } from '@domain/bank/account-directory.port';
import { Account, AccountProps } from '@domain/bank/account.aggregate';
import { AccountRepository } from '@domain/bank/account.repository';
import { AccountExistsError } from '@domain/bank/bank.errors';
import { Currency, Money } from '@domain/bank/money.value-object';
import { SystemAccountRole } from '@domain/bank/system-account';
import { Entry, executeTransfer, Transfer, TransferResult } from '@domain/bank/transfer';
import { newId } from '@domain/shared/uuid';
import type { LedgerPort } from '@domain/bank/ledger.port';
import { LedgerService } from '@modules/bank/ledger.service';
import { Transactional } from './unit-of-work';

interface BankState {
  accounts: Map<string, AccountProps>;
  transfers: Map<string, Transfer>;
  entries: Entry[];
}

function copy(s: BankState): BankState {
  return {
    accounts: new Map(s.accounts),
    transfers: new Map(s.transfers),
    entries: [...s.entries],
  };
}

/**
 * The accounts, transfers and entries tables. Aggregates are stored as snapshots and handed
 * out as fresh objects, so a change that is not written back through `record` is lost, as
 * with the database. Ids are UUIDv7 (newest last), as in production.
 */
export class InMemoryAccountRepository implements AccountRepository, Transactional {
  private state: BankState = { accounts: new Map(), transfers: new Map(), entries: [] };
  private readonly system = new Map<string, string>();
  /** Every lockInIdOrder call, in the order the ids were locked. */
  readonly locks: string[][] = [];

  /** Test setup: a user account holding `balance`, funded by a deposit from the system account. */
  givenAccount(ownerId: string, currency: Currency, balance = 0): string {
    const account = Account.open(newId(), ownerId, currency, new Date());
    this.state.accounts.set(account.id, account.snapshot());
    if (balance > 0) this.deposit(account.id, balance);
    return account.id;
  }

  /** Test setup: a deposit (system cash account → account), written like any transfer. */
  deposit(accountId: string, amount: number): void {
    const to = this.restore(accountId)!;
    const from = this.restore(this.systemAccountId('cash', to.currency))!;
    const result = executeTransfer({
      from,
      to,
      money: Money.of(amount, to.currency),
      kind: 'deposit',
      note: null,
      ids: { transfer: newId(), debit: newId(), credit: newId() },
      now: new Date(),
    });
    this.write(result, [from, to]);
  }

  balanceOf(accountId: string): number {
    return this.state.accounts.get(accountId)!.balance;
  }

  transfers(): Transfer[] {
    return [...this.state.transfers.values()];
  }

  /** The invariants `npm run ledger:check` verifies; empty when the ledger is sound. */
  ledgerProblems(): string[] {
    const problems: string[] = [];
    const sums = new Map<Currency, number>();
    for (const a of this.state.accounts.values()) {
      sums.set(a.currency, (sums.get(a.currency) ?? 0) + a.balance);
      const entries = this.state.entries.filter((e) => e.accountId === a.id);
      const total = entries.reduce((s, e) => s + e.amount, 0);
      if (total !== a.balance)
        problems.push(`account ${a.id}: balance ${a.balance}, entries ${total}`);
      if (a.ownerId !== null && a.balance < 0) problems.push(`account ${a.id}: negative`);
    }
    for (const [currency, sum] of sums) if (sum !== 0) problems.push(`${currency} sums to ${sum}`);
    for (const t of this.state.transfers.values()) {
      const entries = this.state.entries.filter((e) => e.transferId === t.id);
      const debit = entries.filter(
        (e) => e.accountId === t.fromAccountId && e.amount === -t.amount,
      );
      const credit = entries.filter((e) => e.accountId === t.toAccountId && e.amount === t.amount);
      if (entries.length !== 2 || debit.length !== 1 || credit.length !== 1)
        problems.push(`transfer ${t.id}: ${entries.length} entries`);
    }
    return problems;
  }

  async findById(id: string): Promise<Account | null> {
    return this.restore(id);
  }

  async findByOwnerAndCurrency(ownerId: string, currency: Currency): Promise<Account | null> {
    for (const a of this.state.accounts.values())
      if (a.ownerId === ownerId && a.currency === currency) return Account.restore(a);
    return null;
  }

  systemAccountId(role: SystemAccountRole, currency: Currency): string {
    const key = `${role} ${currency}`;
    let id = this.system.get(key);
    if (!id) {
      id = newId();
      this.system.set(key, id);
    }
    // Created on first use, possibly inside a unit that then rolls back: as in production
    // (where a migration creates them), a system account exists whatever was rolled back.
    if (!this.state.accounts.has(id)) {
      this.state.accounts.set(id, {
        id,
        ownerId: null,
        currency,
        balance: 0,
        createdAt: new Date(0),
      });
    }
    return id;
  }

  async insert(account: Account): Promise<void> {
    if (account.ownerId && (await this.findByOwnerAndCurrency(account.ownerId, account.currency)))
      throw new AccountExistsError(account.currency);
    this.state.accounts.set(account.id, account.snapshot());
  }

  async lockInIdOrder(ids: string[]): Promise<Map<string, Account>> {
    const sorted = [...new Set(ids)].sort();
    this.locks.push(sorted);
    const locked = new Map<string, Account>();
    for (const id of sorted) {
      const account = this.restore(id);
      if (account) locked.set(id, account);
    }
    return locked;
  }

  async record(result: TransferResult, accounts: [Account, Account]): Promise<void> {
    this.write(result, accounts);
  }

  async findTransfer(id: string): Promise<Transfer | null> {
    return this.state.transfers.get(id) ?? null;
  }

  async listByOwner(ownerId: string): Promise<Account[]> {
    return [...this.state.accounts.values()]
      .filter((a) => a.ownerId === ownerId)
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((a) => Account.restore(a));
  }

  async listEntries(accountId: string, beforeId: string | null, limit: number): Promise<Entry[]> {
    return this.state.entries
      .filter((e) => e.accountId === accountId && (beforeId === null || e.id < beforeId))
      .sort((a, b) => b.id.localeCompare(a.id))
      .slice(0, limit);
  }

  saveState(): unknown {
    return copy(this.state);
  }

  restoreState(state: unknown): void {
    this.state = copy(state as BankState);
  }

  private restore(id: string): Account | null {
    const props = this.state.accounts.get(id);
    return props ? Account.restore(props) : null;
  }

  private write(result: TransferResult, accounts: [Account, Account]): void {
    if (this.state.transfers.has(result.transfer.id))
      throw new Error(`duplicate transfer id ${result.transfer.id}`);
    this.state.transfers.set(result.transfer.id, result.transfer);
    this.state.entries.push(...result.entries);
    for (const a of accounts) this.state.accounts.set(a.id, a.snapshot());
  }
}

/** The bank's AccountDirectory port over the same tables: user accounts only. */
export class InMemoryAccountDirectory implements AccountDirectory {
  constructor(private readonly accounts: InMemoryAccountRepository) {}

  async findAccountId(ownerId: string, currency: Currency): Promise<string | null> {
    const account = await this.accounts.findByOwnerAndCurrency(ownerId, currency);
    return account && !account.isSystem ? account.id : null;
  }

  systemAccountId(role: SystemAccountRole, currency: Currency): string {
    return this.accounts.systemAccountId(role, currency);
  }
}

/**
 * The bank's real ledger over in-memory ports, as the LedgerPort another context's handler
 * receives (stay's PayOrder): those tests stay behind the port, as the context boundary rule
 * asks of src/, and still move money by the real rules.
 */
export function inMemoryLedger(
  ...deps: ConstructorParameters<typeof LedgerService>
): LedgerPort & LedgerService {
  return new LedgerService(...deps);
}
