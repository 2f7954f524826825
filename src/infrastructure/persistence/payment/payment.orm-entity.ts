import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { safeBigInt, uuidBinary } from '@infra/database/column-codecs';

/**
 * Atrium's record of a payment at the external provider. (provider, provider_ref): the
 * webhook finds and locks the payment its notification names. (payer_id, id): the payer's
 * newest-first keyset list (ids are UUIDv7). (order_id): a stay refund finds the order's payment.
 * (succeeded_at), (refunded_at): a day's charge and refund lines for the reconciliation.
 */
@Entity('payments')
@Index('uq_payments_provider_ref', ['provider', 'providerRef'], { unique: true })
@Index('ix_payments_payer', ['payerId', 'id'])
@Index('ix_payments_order', ['orderId'])
@Index('ix_payments_succeeded_at', ['succeededAt'])
@Index('ix_payments_refunded_at', ['refundedAt'])
export class PaymentOrmEntity {
  @PrimaryColumn({ type: 'binary', length: 16, transformer: uuidBinary })
  id: string;

  @Column({ name: 'payer_id', type: 'binary', length: 16, transformer: uuidBinary })
  payerId: string;

  @Column({ type: 'varchar', length: 16 })
  purpose: string;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ type: 'bigint', transformer: safeBigInt })
  amount: number;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'varchar', length: 16 })
  provider: string;

  @Column({ name: 'provider_ref', type: 'varchar', length: 64 })
  providerRef: string;

  @Column({ name: 'checkout_url', type: 'varchar', length: 512 })
  checkoutUrl: string;

  @Column({
    name: 'account_id',
    type: 'binary',
    length: 16,
    nullable: true,
    transformer: uuidBinary,
  })
  accountId: string | null;

  @Column({ name: 'order_id', type: 'binary', length: 16, nullable: true, transformer: uuidBinary })
  orderId: string | null;

  @Column({
    name: 'article_id',
    type: 'binary',
    length: 16,
    nullable: true,
    transformer: uuidBinary,
  })
  articleId: string | null;

  @Column({
    name: 'transfer_id',
    type: 'binary',
    length: 16,
    nullable: true,
    transformer: uuidBinary,
  })
  transferId: string | null;

  @Column({
    name: 'refund_transfer_id',
    type: 'binary',
    length: 16,
    nullable: true,
    transformer: uuidBinary,
  })
  refundTransferId: string | null;

  @Column({ name: 'failure_reason', type: 'varchar', length: 32, nullable: true })
  failureReason: string | null;

  @Column({ name: 'succeeded_at', type: 'datetime', precision: 3, nullable: true })
  succeededAt: Date | null;

  @Column({ name: 'refunded_at', type: 'datetime', precision: 3, nullable: true })
  refundedAt: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
