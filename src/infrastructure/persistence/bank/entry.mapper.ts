import { Entry } from '@domain/bank/transfer';
import { bufferToUuid, toSafeInteger, uuidToBuffer } from '@infra/database/column-codecs';
import { RowMapper } from '@infra/database/row-mapper';

export interface EntryRow {
  id: Buffer;
  account_id: Buffer;
  transfer_id: Buffer;
  amount: number | string;
  balance_after: number | string;
  created_at: Date;
}

/** `entries` (EntryOrmEntity): the two signed legs of a transfer, written once. */
export const entryMapper: RowMapper<Entry, EntryRow> = {
  table: 'entries',
  columns: ['id', 'account_id', 'transfer_id', 'amount', 'balance_after', 'created_at'],
  toDomain: (row) => ({
    id: bufferToUuid(row.id),
    accountId: bufferToUuid(row.account_id),
    transferId: bufferToUuid(row.transfer_id),
    amount: toSafeInteger(row.amount),
    balanceAfter: toSafeInteger(row.balance_after),
    createdAt: row.created_at,
  }),
  toRow: (e) => ({
    id: uuidToBuffer(e.id),
    account_id: uuidToBuffer(e.accountId),
    transfer_id: uuidToBuffer(e.transferId),
    amount: e.amount,
    balance_after: e.balanceAfter,
    created_at: e.createdAt,
  }),
};
