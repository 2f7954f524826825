import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { uuidBinary } from '@infra/database/column-codecs';

/** Every refresh token ever issued, by SHA-256 hash: a rotated one coming back is reuse. */
@Entity('refresh_tokens')
@Index('ix_refresh_tokens_session', ['sessionId'])
export class RefreshTokenOrmEntity {
  @PrimaryColumn({ name: 'token_hash', type: 'binary', length: 32 })
  tokenHash: Buffer;

  @Column({ name: 'session_id', type: 'binary', length: 16, transformer: uuidBinary })
  sessionId: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt: Date;

  @Column({ name: 'rotated_at', type: 'datetime', precision: 3, nullable: true })
  rotatedAt: Date | null;
}
