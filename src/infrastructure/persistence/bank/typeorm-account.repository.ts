import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { Account } from '../../../domain/bank/account.aggregate';
import { AccountRepository } from '../../../domain/bank/account.repository';
import { AccountExistsError } from '../../../domain/bank/bank.errors';
import { Currency } from '../../../domain/bank/money.value-object';
import { Entry, Transfer, TransferKind, TransferResult } from '../../../domain/bank/transfer';
import { isDuplicateKey } from '../../database/mysql-errors';
import { bufferToUuid, toSafeInteger, uuidToBuffer } from '../../database/column-codecs';

/** The system cash accounts, created by the bank migration with these fixed ids. */
export const SYSTEM_ACCOUNT_IDS: Record<Currency, string> = {
  USD: '00000000-0000-7000-8000-000000000001',
  EUR: '00000000-0000-7000-8000-000000000002',
  CNY: '00000000-0000-7000-8000-000000000003',
};

interface AccountRow {
  id: Buffer;
  owner_id: Buffer | null;
  currency: Currency;
  balance: number | string;
  created_at: Date;
}

function toAccount(row: AccountRow): Account {
  return Account.restore({
    id: bufferToUuid(row.id),
    ownerId: row.owner_id ? bufferToUuid(row.owner_id) : null,
    currency: row.currency,
    balance: toSafeInteger(row.balance),
    createdAt: row.created_at,
  });
}

/** The ledger's hot path in plain SQL: a transfer is 1 locking read and 3 writes (+ the outbox row). */
@Injectable()
export class TypeormAccountRepository implements AccountRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private query<T = unknown>(sql: string, params: unknown[]): Promise<T> {
    return this.txHost.tx.query(sql, params);
  }

  async findById(id: string): Promise<Account | null> {
    const rows = await this.query<AccountRow[]>('SELECT id, owner_id, currency, balance, created_at FROM accounts WHERE id = ?', [uuidToBuffer(id)]);
    return rows[0] ? toAccount(rows[0]) : null;
  }

  async findByOwnerAndCurrency(ownerId: string, currency: Currency): Promise<Account | null> {
    const rows = await this.query<AccountRow[]>(
      'SELECT id, owner_id, currency, balance, created_at FROM accounts WHERE owner_id = ? AND currency = ?',
      [uuidToBuffer(ownerId), currency],
    );
    return rows[0] ? toAccount(rows[0]) : null;
  }

  systemAccountId(currency: Currency): string {
    return SYSTEM_ACCOUNT_IDS[currency];
  }

  async insert(account: Account): Promise<void> {
    const a = account.snapshot();
    try {
      await this.query('INSERT INTO accounts (id, owner_id, currency, balance, created_at) VALUES (?, ?, ?, ?, ?)', [
        uuidToBuffer(a.id),
        a.ownerId ? uuidToBuffer(a.ownerId) : null,
        a.currency,
        a.balance,
        a.createdAt,
      ]);
    } catch (err) {
      if (isDuplicateKey(err)) throw new AccountExistsError(a.currency);
      throw err;
    }
  }

  async lockInIdOrder(ids: string[]): Promise<Map<string, Account>> {
    const buffers = [...new Set(ids)].map(uuidToBuffer).sort(Buffer.compare);
    const rows = await this.query<AccountRow[]>(
      `SELECT id, owner_id, currency, balance, created_at FROM accounts WHERE id IN (${buffers.map(() => '?').join(', ')}) ORDER BY id FOR UPDATE`,
      buffers,
    );
    return new Map(rows.map((r) => [bufferToUuid(r.id), toAccount(r)]));
  }

  async record({ transfer: t, entries }: TransferResult, accounts: [Account, Account]): Promise<void> {
    const [a, b] = accounts.map((acc) => ({ id: uuidToBuffer(acc.id), balance: acc.balance }));
    await this.query('UPDATE accounts SET balance = CASE id WHEN ? THEN ? ELSE ? END WHERE id IN (?, ?)', [a.id, a.balance, b.balance, a.id, b.id]);
    await this.query(
      'INSERT INTO transfers (id, from_account_id, to_account_id, amount, currency, note, kind, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [uuidToBuffer(t.id), uuidToBuffer(t.fromAccountId), uuidToBuffer(t.toAccountId), t.amount, t.currency, t.note, t.kind, t.createdAt],
    );
    await this.query(
      'INSERT INTO entries (id, account_id, transfer_id, amount, balance_after, created_at) VALUES (?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?)',
      entries.flatMap((e) => [uuidToBuffer(e.id), uuidToBuffer(e.accountId), uuidToBuffer(e.transferId), e.amount, e.balanceAfter, e.createdAt]),
    );
  }

  async findTransfer(id: string): Promise<Transfer | null> {
    const rows = await this.query<Array<Record<string, any>>>(
      'SELECT id, from_account_id, to_account_id, amount, currency, note, kind, created_at FROM transfers WHERE id = ?',
      [uuidToBuffer(id)],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      id: bufferToUuid(r.id),
      fromAccountId: bufferToUuid(r.from_account_id),
      toAccountId: bufferToUuid(r.to_account_id),
      amount: toSafeInteger(r.amount),
      currency: r.currency as Currency,
      note: r.note,
      kind: r.kind as TransferKind,
      createdAt: r.created_at,
    };
  }

  async listByOwner(ownerId: string): Promise<Account[]> {
    const rows = await this.query<AccountRow[]>(
      'SELECT id, owner_id, currency, balance, created_at FROM accounts WHERE owner_id = ? ORDER BY id',
      [uuidToBuffer(ownerId)],
    );
    return rows.map(toAccount);
  }

  async listEntries(accountId: string, beforeId: string | null, limit: number): Promise<Entry[]> {
    const params: unknown[] = [uuidToBuffer(accountId)];
    if (beforeId) params.push(uuidToBuffer(beforeId));
    params.push(limit);
    const rows = await this.query<Array<Record<string, any>>>(
      `SELECT id, account_id, transfer_id, amount, balance_after, created_at FROM entries
       WHERE account_id = ? ${beforeId ? 'AND id < ?' : ''} ORDER BY id DESC LIMIT ?`,
      params,
    );
    return rows.map((r) => ({
      id: bufferToUuid(r.id),
      accountId: bufferToUuid(r.account_id),
      transferId: bufferToUuid(r.transfer_id),
      amount: toSafeInteger(r.amount),
      balanceAfter: toSafeInteger(r.balance_after),
      createdAt: r.created_at,
    }));
  }
}
