import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { uuidBinary } from '@infra/database/column-codecs';

/** One row per (follower, followee): the primary key makes a follow idempotent. */
@Entity('social_follows')
// Followers of a user, newest first (keyset on created_at, follower_id).
@Index('ix_social_follows_followers', ['followeeId', 'createdAt', 'followerId'])
// Whom a user follows, newest first (keyset on created_at, followee_id).
@Index('ix_social_follows_following', ['followerId', 'createdAt', 'followeeId'])
export class FollowOrmEntity {
  @PrimaryColumn({ name: 'follower_id', type: 'binary', length: 16, transformer: uuidBinary })
  followerId: string;

  @PrimaryColumn({ name: 'followee_id', type: 'binary', length: 16, transformer: uuidBinary })
  followeeId: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
