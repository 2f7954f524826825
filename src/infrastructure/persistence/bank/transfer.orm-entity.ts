import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { safeBigInt, uuidBinary } from '@infra/database/column-codecs';

@Entity('transfers')
@Index('ix_transfers_from', ['fromAccountId'])
@Index('ix_transfers_to', ['toAccountId'])
export class TransferOrmEntity {
  @PrimaryColumn({ type: 'binary', length: 16, transformer: uuidBinary })
  id: string;

  @Column({ name: 'from_account_id', type: 'binary', length: 16, transformer: uuidBinary })
  fromAccountId: string;

  @Column({ name: 'to_account_id', type: 'binary', length: 16, transformer: uuidBinary })
  toAccountId: string;

  @Column({ type: 'bigint', transformer: safeBigInt })
  amount: number;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 16 })
  kind: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
