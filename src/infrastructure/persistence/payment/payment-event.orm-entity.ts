import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per provider event handled, inserted in the transaction of its effect: a redelivered
 * event (same id) finds its row and has no second effect.
 */
@Entity('payment_events')
export class PaymentEventOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  provider: string;

  @PrimaryColumn({ name: 'event_id', type: 'varchar', length: 128 })
  eventId: string;

  @Column({ type: 'varchar', length: 64 })
  type: string;

  @Column({ name: 'received_at', type: 'datetime', precision: 3 })
  receivedAt: Date;
}
