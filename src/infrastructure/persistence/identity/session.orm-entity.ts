import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { uuidBinary } from '@infra/database/column-codecs';

@Entity('sessions')
@Index('ix_sessions_user', ['userId', 'revokedAt'])
export class SessionOrmEntity {
  @PrimaryColumn({ type: 'binary', length: 16, transformer: uuidBinary })
  id: string;

  /** `password` or `otp`: how the user signed in (a fresh `otp` session may set a first password). */
  @Column({ type: 'varchar', length: 16, default: 'password' })
  method: string;

  @Column({ name: 'user_id', type: 'binary', length: 16, transformer: uuidBinary })
  userId: string;

  @Column({ name: 'user_agent', type: 'varchar', length: 255, nullable: true })
  userAgent: string | null;

  @Column({ type: 'varchar', length: 45, nullable: true })
  ip: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'last_used_at', type: 'datetime', precision: 3 })
  lastUsedAt: Date;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 3, nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoked_reason', type: 'varchar', length: 32, nullable: true })
  revokedReason: string | null;
}
