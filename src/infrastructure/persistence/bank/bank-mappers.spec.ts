import { Account } from '@domain/bank/account.aggregate';
import { Entry, Transfer } from '@domain/bank/transfer';
import { uuidToBuffer } from '@infra/database/column-codecs';
import { selectList } from '@infra/database/row-mapper';
import { accountMapper } from './account.mapper';
import { entryMapper } from './entry.mapper';
import { transferMapper } from './transfer.mapper';

const at = new Date('2026-01-02T03:04:05.678Z');
const accountId = '0190f5e2-7c1a-7b3e-8a4d-1234567890ab';
const otherId = '0190f5e2-7c1a-7b3e-8a4d-1234567890ac';
const ownerId = '0190f5e2-7c1a-7b3e-8a4d-0000000000ff';
const transfer = (note: string | null): Transfer => ({
  id: accountId,
  fromAccountId: ownerId,
  toAccountId: otherId,
  amount: 500,
  currency: 'CNY',
  note,
  kind: 'transfer',
  createdAt: at,
});
const entry: Entry = {
  id: accountId,
  accountId: otherId,
  transferId: ownerId,
  amount: -500,
  balanceAfter: 0,
  createdAt: at,
};

describe('bank mappers', () => {
  it('round-trips an account, a null owner (system account) included', () => {
    for (const owner of [ownerId, null]) {
      const account = Account.restore({
        id: accountId,
        ownerId: owner,
        currency: 'EUR',
        balance: 1234,
        createdAt: at,
      });
      const row = accountMapper.toRow(account);
      expect(row.id.equals(uuidToBuffer(accountId))).toBe(true);
      expect(row.owner_id).toEqual(owner ? uuidToBuffer(owner) : null);
      expect(accountMapper.toDomain(row).snapshot()).toEqual(account.snapshot());
    }
  });

  it('reads a BIGINT balance that mysql2 returns as a string, and refuses one past 2^53', () => {
    const row = {
      ...accountMapper.toRow(Account.open(accountId, ownerId, 'USD', at)),
      balance: '9007199254740991',
    };
    expect(accountMapper.toDomain(row).balance).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => accountMapper.toDomain({ ...row, balance: '9007199254740993' })).toThrow(
      /safe integer/,
    );
  });

  it('round-trips a transfer with and without a note', () => {
    for (const note of ['rent', null]) {
      const row = transferMapper.toRow(transfer(note));
      expect(transferMapper.toDomain({ ...row, amount: String(row.amount) })).toEqual(
        transfer(note),
      );
    }
  });

  it('round-trips a negative entry, BIGINTs as strings', () => {
    const row = entryMapper.toRow(entry);
    expect(entryMapper.toDomain({ ...row, amount: '-500', balance_after: '0' })).toEqual(entry);
  });

  it('lists as columns exactly the keys of the rows it writes', () => {
    expect(selectList(accountMapper, 'a')).toBe(
      'a.id, a.owner_id, a.currency, a.balance, a.created_at',
    );
    const rows: Array<[readonly string[], object]> = [
      [accountMapper.columns, accountMapper.toRow(Account.open(accountId, ownerId, 'USD', at))],
      [transferMapper.columns, transferMapper.toRow(transfer(null))],
      [entryMapper.columns, entryMapper.toRow(entry)],
    ];
    for (const [columns, row] of rows) expect(Object.keys(row).sort()).toEqual([...columns].sort());
  });
});
