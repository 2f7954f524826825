import { Column, Entity, PrimaryColumn } from 'typeorm';
import { uuidBinary } from '@infra/database/column-codecs';

/**
 * A user's follower and following counts, changed in the transaction that inserts or deletes a
 * follow row and only when it did (so they equal the row counts). Absent: 0 and 0.
 */
@Entity('social_follow_counts')
export class FollowCountsOrmEntity {
  @PrimaryColumn({ name: 'user_id', type: 'binary', length: 16, transformer: uuidBinary })
  userId: string;

  @Column({ type: 'int', default: 0 })
  followers: number;

  @Column({ type: 'int', default: 0 })
  following: number;
}
