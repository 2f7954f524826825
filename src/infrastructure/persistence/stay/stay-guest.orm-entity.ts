import { Entity, PrimaryColumn } from 'typeorm';
import { uuidBinary } from '@infra/database/column-codecs';

/**
 * One row per user who has placed an order: the guest's lock, taken first by every order
 * placement (TypeormOrderRepository.lockGuestAndCountPending), so one guest's placements run one
 * after the other. The stay context owns it; the `users` table is identity's.
 */
@Entity('stay_guests')
export class StayGuestOrmEntity {
  @PrimaryColumn({ name: 'user_id', type: 'binary', length: 16, transformer: uuidBinary })
  userId: string;
}
