import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { safeBigInt, uuidBinary } from '@infra/database/column-codecs';

/**
 * (homestay_id, check_out): the overlap check scans only stays that end after the requested
 * checkIn, so past stays never slow it down. (status, pay_before): the deadline sweep.
 * (status, check_out): the no-show sweep (paid orders whose check-out day has come).
 * (guest_id, id) / (host_id, id): newest-first keyset lists (ids are UUIDv7).
 */
@Entity('orders')
@Index('ix_orders_homestay_check_out', ['homestayId', 'checkOut'])
@Index('ix_orders_status_pay_before', ['status', 'payBefore'])
@Index('ix_orders_status_check_out', ['status', 'checkOut'])
@Index('ix_orders_guest', ['guestId', 'id'])
@Index('ix_orders_host', ['hostId', 'id'])
export class OrderOrmEntity {
  @PrimaryColumn({ type: 'binary', length: 16, transformer: uuidBinary })
  id: string;

  @Column({ name: 'homestay_id', type: 'binary', length: 16, transformer: uuidBinary })
  homestayId: string;

  @Column({ name: 'guest_id', type: 'binary', length: 16, transformer: uuidBinary })
  guestId: string;

  @Column({ name: 'host_id', type: 'binary', length: 16, transformer: uuidBinary })
  hostId: string;

  @Column({ name: 'check_in', type: 'date' })
  checkIn: string;

  @Column({ name: 'check_out', type: 'date' })
  checkOut: string;

  @Column({ type: 'smallint' })
  nights: number;

  @Column({ type: 'smallint' })
  guests: number;

  @Column({ type: 'bigint', transformer: safeBigInt })
  amount: number;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ name: 'pay_before', type: 'datetime', precision: 3 })
  payBefore: Date;

  @Column({ name: 'paid_at', type: 'datetime', precision: 3, nullable: true })
  paidAt: Date | null;

  @Column({ name: 'cancelled_at', type: 'datetime', precision: 3, nullable: true })
  cancelledAt: Date | null;

  @Column({ name: 'cancel_reason', type: 'varchar', length: 16, nullable: true })
  cancelReason: string | null;

  @Column({
    name: 'transfer_id',
    type: 'binary',
    length: 16,
    nullable: true,
    transformer: uuidBinary,
  })
  transferId: string | null;

  @Column({
    name: 'paid_from_account_id',
    type: 'binary',
    length: 16,
    nullable: true,
    transformer: uuidBinary,
  })
  paidFromAccountId: string | null;

  @Column({ name: 'checked_in_at', type: 'datetime', precision: 3, nullable: true })
  checkedInAt: Date | null;

  @Column({ name: 'refunded_at', type: 'datetime', precision: 3, nullable: true })
  refundedAt: Date | null;

  @Column({
    name: 'payout_transfer_id',
    type: 'binary',
    length: 16,
    nullable: true,
    transformer: uuidBinary,
  })
  payoutTransferId: string | null;

  @Column({
    name: 'fee_transfer_id',
    type: 'binary',
    length: 16,
    nullable: true,
    transformer: uuidBinary,
  })
  feeTransferId: string | null;

  @Column({
    name: 'refund_transfer_id',
    type: 'binary',
    length: 16,
    nullable: true,
    transformer: uuidBinary,
  })
  refundTransferId: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
