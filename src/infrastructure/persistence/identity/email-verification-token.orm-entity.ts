import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { uuidBinary } from '@infra/database/column-codecs';

/** Email verification links by SHA-256 of the token (the token itself is never stored). */
@Entity('email_verification_tokens')
@Index('ix_email_verification_tokens_user', ['userId', 'usedAt'])
export class EmailVerificationTokenOrmEntity {
  @PrimaryColumn({ name: 'token_hash', type: 'binary', length: 32 })
  tokenHash: Buffer;

  @Column({ name: 'user_id', type: 'binary', length: 16, transformer: uuidBinary })
  userId: string;

  @Column({ type: 'varchar', length: 254, charset: 'utf8mb4', collation: 'utf8mb4_bin' })
  email: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'datetime', precision: 3, nullable: true })
  usedAt: Date | null;
}
