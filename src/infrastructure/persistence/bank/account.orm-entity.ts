import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { safeBigInt, uuidBinary } from '@infra/database/column-codecs';

@Entity('accounts')
@Index('uq_accounts_owner_currency', ['ownerId', 'currency'], { unique: true })
export class AccountOrmEntity {
  @PrimaryColumn({ type: 'binary', length: 16, transformer: uuidBinary })
  id: string;

  @Column({ name: 'owner_id', type: 'binary', length: 16, nullable: true, transformer: uuidBinary })
  ownerId: string | null;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'bigint', transformer: safeBigInt })
  balance: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
