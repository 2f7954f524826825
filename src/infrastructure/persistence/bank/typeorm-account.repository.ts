import { Injectable } from '@nestjs/common';
import { Account } from '@domain/bank/account.aggregate';
import { AccountRepository } from '@domain/bank/account.repository';
import { AccountExistsError } from '@domain/bank/bank.errors';
import { Currency } from '@domain/bank/money.value-object';
import { SystemAccountRole } from '@domain/bank/system-account';
import { Entry, Transfer, TransferResult } from '@domain/bank/transfer';
import { uuidToBuffer } from '@infra/database/column-codecs';
import { isDuplicateKey } from '@infra/database/mysql-errors';
import { selectList } from '@infra/database/row-mapper';
import { placeholders, Sql } from '@infra/database/sql';
import { AccountRow, accountMapper } from './account.mapper';
import { entryMapper } from './entry.mapper';
import { TransferRow, transferMapper } from './transfer.mapper';

/**
 * The system accounts' fixed ids, the only place the bank knows them; created by the
 * migrations SystemCashAccounts and SystemAccounts. The last two hex digits are the role
 * (cash 0, escrow 1, revenue 2, clearing 3) and the currency (USD 1, EUR 2, CNY 3).
 */
export const SYSTEM_ACCOUNT_IDS: Record<SystemAccountRole, Record<Currency, string>> = {
  cash: {
    USD: '00000000-0000-7000-8000-000000000001',
    EUR: '00000000-0000-7000-8000-000000000002',
    CNY: '00000000-0000-7000-8000-000000000003',
  },
  escrow: {
    USD: '00000000-0000-7000-8000-000000000011',
    EUR: '00000000-0000-7000-8000-000000000012',
    CNY: '00000000-0000-7000-8000-000000000013',
  },
  revenue: {
    USD: '00000000-0000-7000-8000-000000000021',
    EUR: '00000000-0000-7000-8000-000000000022',
    CNY: '00000000-0000-7000-8000-000000000023',
  },
  clearing: {
    USD: '00000000-0000-7000-8000-000000000031',
    EUR: '00000000-0000-7000-8000-000000000032',
    CNY: '00000000-0000-7000-8000-000000000033',
  },
};

const ACCOUNT_COLUMNS = selectList(accountMapper);

/** The ledger's hot path in plain SQL: a transfer is 1 locking read and 3 writes (+ the outbox row). */
@Injectable()
export class TypeormAccountRepository implements AccountRepository {
  constructor(private readonly sql: Sql) {}

  async findById(id: string): Promise<Account | null> {
    const row = await this.sql.one<AccountRow>(
      `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE id = ?`,
      [uuidToBuffer(id)],
    );
    return row ? accountMapper.toDomain(row) : null;
  }

  async findByOwnerAndCurrency(ownerId: string, currency: Currency): Promise<Account | null> {
    const row = await this.sql.one<AccountRow>(
      `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE owner_id = ? AND currency = ?`,
      [uuidToBuffer(ownerId), currency],
    );
    return row ? accountMapper.toDomain(row) : null;
  }

  systemAccountId(role: SystemAccountRole, currency: Currency): string {
    return SYSTEM_ACCOUNT_IDS[role][currency];
  }

  async insert(account: Account): Promise<void> {
    try {
      await this.sql.insert(accountMapper, account);
    } catch (err) {
      if (isDuplicateKey(err)) throw new AccountExistsError(account.currency);
      throw err;
    }
  }

  async lockInIdOrder(ids: string[]): Promise<Map<string, Account>> {
    const buffers = [...new Set(ids)].map(uuidToBuffer).sort(Buffer.compare);
    const rows = await this.sql.rows<AccountRow>(
      `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE id IN (${placeholders(buffers.length)}) ORDER BY id FOR UPDATE`,
      buffers,
    );
    return new Map(rows.map((r) => accountMapper.toDomain(r)).map((a) => [a.id, a]));
  }

  async record({ transfer, entries }: TransferResult, accounts: [Account, Account]): Promise<void> {
    const [a, b] = accounts.map((acc) => accountMapper.toRow(acc));
    // Both balances in one statement: one round trip on the hot path instead of two.
    await this.sql.execute(
      'UPDATE accounts SET balance = CASE id WHEN ? THEN ? ELSE ? END WHERE id IN (?, ?)',
      [a.id, a.balance, b.balance, a.id, b.id],
    );
    await this.sql.insert(transferMapper, transfer);
    await this.sql.insert(entryMapper, ...entries);
  }

  async findTransfer(id: string): Promise<Transfer | null> {
    const row = await this.sql.one<TransferRow>(
      `SELECT ${selectList(transferMapper)} FROM transfers WHERE id = ?`,
      [uuidToBuffer(id)],
    );
    return row ? transferMapper.toDomain(row) : null;
  }

  async listByOwner(ownerId: string): Promise<Account[]> {
    const rows = await this.sql.rows<AccountRow>(
      `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE owner_id = ? ORDER BY id`,
      [uuidToBuffer(ownerId)],
    );
    return rows.map((r) => accountMapper.toDomain(r));
  }

  async listEntries(accountId: string, beforeId: string | null, limit: number): Promise<Entry[]> {
    const rows = await this.sql.newestFirst(
      entryMapper,
      { account_id: uuidToBuffer(accountId) },
      beforeId,
      limit,
      'ix_entries_account_id',
    );
    return rows.map((r) => entryMapper.toDomain(r));
  }
}
