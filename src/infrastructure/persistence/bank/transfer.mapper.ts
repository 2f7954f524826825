import { Currency } from '@domain/bank/money.value-object';
import { Transfer, TransferKind } from '@domain/bank/transfer';
import { bufferToUuid, toSafeInteger, uuidToBuffer } from '@infra/database/column-codecs';
import { RowMapper } from '@infra/database/row-mapper';

export interface TransferRow {
  id: Buffer;
  from_account_id: Buffer;
  to_account_id: Buffer;
  amount: number | string;
  currency: string;
  note: string | null;
  kind: string;
  created_at: Date;
}

/** `transfers` (TransferOrmEntity): one row per movement, written once, never updated. */
export const transferMapper: RowMapper<Transfer, TransferRow> = {
  table: 'transfers',
  columns: [
    'id',
    'from_account_id',
    'to_account_id',
    'amount',
    'currency',
    'note',
    'kind',
    'created_at',
  ],
  toDomain: (row) => ({
    id: bufferToUuid(row.id),
    fromAccountId: bufferToUuid(row.from_account_id),
    toAccountId: bufferToUuid(row.to_account_id),
    amount: toSafeInteger(row.amount),
    currency: row.currency as Currency,
    note: row.note,
    kind: row.kind as TransferKind,
    createdAt: row.created_at,
  }),
  toRow: (t) => ({
    id: uuidToBuffer(t.id),
    from_account_id: uuidToBuffer(t.fromAccountId),
    to_account_id: uuidToBuffer(t.toAccountId),
    amount: t.amount,
    currency: t.currency,
    note: t.note,
    kind: t.kind,
    created_at: t.createdAt,
  }),
};
