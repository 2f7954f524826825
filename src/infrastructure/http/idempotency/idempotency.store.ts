import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { affectedRows } from '../../database/affected-rows';
import { AppConfig } from '../../config/app-config';
import { isDuplicateKey } from '../../database/mysql-errors';
import { IdempotencyInProgressError, IdempotencyKeyReusedError } from './idempotency.errors';

export const RETENTION_MS = 24 * 60 * 60 * 1000;

export type Claim =
  | { kind: 'claimed'; lockToken: Buffer }
  | { kind: 'replay'; status: number; body: string };

interface Row {
  request_hash: Buffer;
  state: string;
  locked_until: Date | null;
  response_status: number | null;
  response_body: string | null;
  expires_at: Date;
}

@Injectable()
export class IdempotencyStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly config: AppConfig,
  ) {}

  /**
   * Claims the key outside any transaction (autocommit), so concurrent requests see it at
   * once. Returns a replay for a completed key, throws for a different body or a live claim.
   */
  async claim(scopeHash: Buffer, requestHash: Buffer, now: Date): Promise<Claim> {
    const lockToken = randomBytes(16);
    // An in-flight claim older than this belongs to a crashed or stuck process: take it over.
    const lockedUntil = new Date(now.getTime() + this.config.env.IDEMPOTENCY_CLAIM_TTL_SECONDS * 1000);
    try {
      await this.dataSource.query(
        `INSERT INTO idempotency_keys (scope_hash, request_hash, state, lock_token, locked_until, created_at, expires_at)
         VALUES (?, ?, 'in_progress', ?, ?, ?, ?)`,
        [scopeHash, requestHash, lockToken, lockedUntil, now, new Date(now.getTime() + RETENTION_MS)],
      );
      return { kind: 'claimed', lockToken };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const [row] = (await this.dataSource.query(
      'SELECT request_hash, state, locked_until, response_status, response_body, expires_at FROM idempotency_keys WHERE scope_hash = ?',
      [scopeHash],
    )) as Row[];
    if (!row) return this.claim(scopeHash, requestHash, now);

    const expired = row.expires_at.getTime() <= now.getTime();
    if (!expired && !row.request_hash.equals(requestHash)) throw new IdempotencyKeyReusedError();
    if (!expired && row.state === 'completed') {
      return { kind: 'replay', status: row.response_status as number, body: row.response_body as string };
    }
    if (!expired && row.locked_until && row.locked_until.getTime() > now.getTime()) throw new IdempotencyInProgressError();

    // Expired key, or a claim abandoned by a crashed process: take it over, atomically.
    const result = await this.dataSource.query(
      `UPDATE idempotency_keys SET request_hash = ?, state = 'in_progress', lock_token = ?, locked_until = ?,
         response_status = NULL, response_body = NULL, created_at = ?, expires_at = ?
       WHERE scope_hash = ? AND (expires_at <= ? OR (state = 'in_progress' AND locked_until <= ?))`,
      [requestHash, lockToken, lockedUntil, now, new Date(now.getTime() + RETENTION_MS), scopeHash, now, now],
    );
    if (affectedRows(result) !== 1) throw new IdempotencyInProgressError();
    return { kind: 'claimed', lockToken };
  }

  /**
   * Stores the response inside the current (business) transaction: both commit or neither.
   * Fails if our claim was taken over meanwhile, which rolls the business change back too.
   */
  async complete(scopeHash: Buffer, lockToken: Buffer, status: number, body: string): Promise<void> {
    const result = await this.txHost.tx.query(
      `UPDATE idempotency_keys SET state = 'completed', response_status = ?, response_body = ?, lock_token = NULL, locked_until = NULL
       WHERE scope_hash = ? AND lock_token = ? AND state = 'in_progress'`,
      [status, body, scopeHash, lockToken],
    );
    if (affectedRows(result) !== 1) throw new IdempotencyInProgressError();
  }

  /** After a failure that must not be replayed (5xx): a retry runs again. */
  async release(scopeHash: Buffer, lockToken: Buffer): Promise<void> {
    await this.dataSource.query('DELETE FROM idempotency_keys WHERE scope_hash = ? AND lock_token = ?', [scopeHash, lockToken]);
  }

  /** Deletes expired keys in small batches; returns how many went. */
  async purgeExpired(now: Date, batch = 1000): Promise<number> {
    const result = await this.dataSource.query('DELETE FROM idempotency_keys WHERE expires_at <= ? LIMIT ?', [now, batch]);
    return affectedRows(result);
  }
}
