import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { safeBigInt, uuidBinary } from '@infra/database/column-codecs';

/** Ids are UUIDv7, so (account_id, id DESC) is newest-first keyset order. */
@Entity('entries')
@Index('ix_entries_account_id', ['accountId', 'id'])
@Index('ix_entries_transfer', ['transferId'])
export class EntryOrmEntity {
  @PrimaryColumn({ type: 'binary', length: 16, transformer: uuidBinary })
  id: string;

  @Column({ name: 'account_id', type: 'binary', length: 16, transformer: uuidBinary })
  accountId: string;

  @Column({ name: 'transfer_id', type: 'binary', length: 16, transformer: uuidBinary })
  transferId: string;

  @Column({ type: 'bigint', transformer: safeBigInt })
  amount: number;

  @Column({ name: 'balance_after', type: 'bigint', transformer: safeBigInt })
  balanceAfter: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
