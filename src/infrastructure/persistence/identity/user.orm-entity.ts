import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { safeBigInt, uuidBinary } from '@infra/database/column-codecs';

@Entity('users')
@Index('uq_users_username', ['username'], { unique: true })
@Index('uq_users_email', ['email'], { unique: true })
@Index('uq_users_phone', ['phone'], { unique: true })
export class UserOrmEntity {
  @PrimaryColumn({ type: 'binary', length: 16, transformer: uuidBinary })
  id: string;

  // Binary collation: compared exactly (the application stores and looks up lower-case ASCII),
  // never accent- or case-folded by the server's default collation.
  @Column({ type: 'varchar', length: 32, charset: 'utf8mb4', collation: 'utf8mb4_bin' })
  username: string;

  @Column({
    type: 'varchar',
    length: 254,
    nullable: true,
    charset: 'utf8mb4',
    collation: 'utf8mb4_bin',
  })
  email: string | null;

  @Column({
    type: 'varchar',
    length: 16,
    nullable: true,
    charset: 'utf8mb4',
    collation: 'utf8mb4_bin',
  })
  phone: string | null;

  @Column({ name: 'password_hash', type: 'varchar', length: 100, nullable: true })
  passwordHash: string | null;

  @Column({ name: 'full_name', type: 'varchar', length: 100 })
  fullName: string;

  @Column({ type: 'varchar', length: 50, nullable: true })
  nickname: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  bio: string | null;

  @Column({ type: 'date', nullable: true })
  birthday: string | null;

  @Column({ type: 'varchar', length: 16 })
  role: string;

  @Column({ name: 'email_verified', type: 'boolean', default: false })
  emailVerified: boolean;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  /**
   * Bumped by every session start and by ending all of a user's sessions: on Galera only
   * written rows are certified across nodes, so a session started on another node conflicts
   * with the end-all instead of escaping it.
   */
  @Column({ name: 'lock_seq', type: 'bigint', unsigned: true, default: 0, transformer: safeBigInt })
  lockSeq: number;
}
