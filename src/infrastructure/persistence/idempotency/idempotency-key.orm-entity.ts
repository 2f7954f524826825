import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One Idempotency-Key per (user, method, route, key), identified by the SHA-256 of that
 * scope. The stored response is written in the same transaction as the business change.
 */
@Entity('idempotency_keys')
@Index('ix_idempotency_expires', ['expiresAt'])
export class IdempotencyKeyOrmEntity {
  @PrimaryColumn({ name: 'scope_hash', type: 'binary', length: 32 })
  scopeHash: Buffer;

  @Column({ name: 'request_hash', type: 'binary', length: 32 })
  requestHash: Buffer;

  @Column({ type: 'varchar', length: 16 })
  state: string;

  @Column({ name: 'lock_token', type: 'binary', length: 16, nullable: true })
  lockToken: Buffer | null;

  @Column({ name: 'locked_until', type: 'datetime', precision: 3, nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'response_status', type: 'smallint', nullable: true })
  responseStatus: number | null;

  @Column({ name: 'response_body', type: 'mediumtext', nullable: true })
  responseBody: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt: Date;
}
