import { Column, Entity, PrimaryColumn } from 'typeorm';
import { uuidBinary } from '@infra/database/column-codecs';

/**
 * Authors whose articles are pulled at read time instead of pushed into every follower's
 * timeline (they reached FEED_FANOUT_MAX_FOLLOWERS followers; the mark is sticky).
 */
@Entity('social_celebrities')
export class CelebrityOrmEntity {
  @PrimaryColumn({ name: 'user_id', type: 'binary', length: 16, transformer: uuidBinary })
  userId: string;

  @Column({ name: 'since', type: 'datetime', precision: 3 })
  since: Date;
}
