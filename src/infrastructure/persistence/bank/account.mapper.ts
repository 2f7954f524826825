import { Account } from '@domain/bank/account.aggregate';
import { Currency } from '@domain/bank/money.value-object';
import {
  bufferToUuid,
  nullableBufferToUuid,
  nullableUuidToBuffer,
  toSafeInteger,
  uuidToBuffer,
} from '@infra/database/column-codecs';
import { RowMapper } from '@infra/database/row-mapper';

export interface AccountRow {
  id: Buffer;
  owner_id: Buffer | null;
  currency: string;
  balance: number | string;
  created_at: Date;
}

/** `accounts` (AccountOrmEntity); a null owner is a system cash account. */
export const accountMapper: RowMapper<Account, AccountRow> = {
  table: 'accounts',
  columns: ['id', 'owner_id', 'currency', 'balance', 'created_at'],
  toDomain: (row) =>
    Account.restore({
      id: bufferToUuid(row.id),
      ownerId: nullableBufferToUuid(row.owner_id),
      currency: row.currency as Currency,
      balance: toSafeInteger(row.balance),
      createdAt: row.created_at,
    }),
  toRow: (account) => {
    const a = account.snapshot();
    return {
      id: uuidToBuffer(a.id),
      owner_id: nullableUuidToBuffer(a.ownerId),
      currency: a.currency,
      balance: a.balance,
      created_at: a.createdAt,
    };
  },
};
