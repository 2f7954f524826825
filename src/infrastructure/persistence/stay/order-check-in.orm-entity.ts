import { Column, Entity, PrimaryColumn } from 'typeorm';
import { uuidBinary } from '@infra/database/column-codecs';

/**
 * The check-in credential of a paid order (CheckInCredential): the keyed hash of the code the
 * guest was emailed and the count of wrong guesses. Apart from `orders`, so no read of an Order
 * ever carries it; deleted when the order leaves `paid`.
 */
@Entity('order_check_ins')
export class OrderCheckInOrmEntity {
  @PrimaryColumn({ name: 'order_id', type: 'binary', length: 16, transformer: uuidBinary })
  orderId: string;

  /** `<scheme>:<hex>`: `h1` = HMAC-SHA256 under a key derived from the server secret. */
  @Column({ name: 'code_hash', type: 'varchar', length: 80 })
  codeHash: string;

  @Column({ name: 'wrong_codes', type: 'smallint', unsigned: true, default: 0 })
  wrongCodes: number;

  @Column({ type: 'smallint', unsigned: true, default: 0 })
  lockouts: number;

  @Column({ name: 'locked_until', type: 'datetime', precision: 3, nullable: true })
  lockedUntil: Date | null;
}
