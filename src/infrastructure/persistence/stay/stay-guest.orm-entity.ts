import { Column, Entity, PrimaryColumn } from 'typeorm';
import { safeBigInt, uuidBinary } from '@infra/database/column-codecs';

/**
 * One row per user who has placed an order: the guest's lock, taken first by every order
 * placement (TypeormOrderRepository.lockGuestAndCountPending), so one guest's placements run one
 * after the other. The stay context owns it; the `users` table is identity's.
 */
@Entity('stay_guests')
export class StayGuestOrmEntity {
  @PrimaryColumn({ name: 'user_id', type: 'binary', length: 16, transformer: uuidBinary })
  userId: string;

  /**
   * Bumped by every transaction that takes this row as its lock (a guest's order placement). On Galera only
   * written rows are certified across nodes: a lock that is only read holds on one node.
   */
  @Column({ name: 'lock_seq', type: 'bigint', unsigned: true, default: 0, transformer: safeBigInt })
  lockSeq: number;
}
