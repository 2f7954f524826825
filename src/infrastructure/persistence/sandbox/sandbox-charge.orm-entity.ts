import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { safeBigInt, uuidBinary } from '@infra/database/column-codecs';

/**
 * The sandbox payment provider's own ledger of charges (src/infrastructure/payment/sandbox/):
 * what a real provider would keep on its side. Atrium's payments never join it in SQL.
 * payment_id is unique: it is the idempotency key of a charge's creation.
 * (settled_at), (refunded_at): the daily settlement report (charges, refunds).
 */
@Entity('sandbox_charges')
@Index('uq_sandbox_charges_payment', ['paymentId'], { unique: true })
@Index('ix_sandbox_charges_settled_at', ['settledAt'])
@Index('ix_sandbox_charges_refunded_at', ['refundedAt'])
export class SandboxChargeOrmEntity {
  @PrimaryColumn({ name: 'provider_ref', type: 'varchar', length: 64 })
  providerRef: string;

  @Column({ name: 'payment_id', type: 'binary', length: 16, transformer: uuidBinary })
  paymentId: string;

  @Column({ type: 'bigint', transformer: safeBigInt })
  amount: number;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'varchar', length: 255 })
  description: string;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'settled_at', type: 'datetime', precision: 3, nullable: true })
  settledAt: Date | null;

  @Column({ name: 'refunded_at', type: 'datetime', precision: 3, nullable: true })
  refundedAt: Date | null;
}
