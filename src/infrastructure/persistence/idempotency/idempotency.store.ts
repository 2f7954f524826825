import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { affectedRows } from '../../database/sql';
import { isDuplicateKey, isLockWaitTimeout } from '../../database/mysql-errors';

export const RETENTION_MS = 24 * 60 * 60 * 1000;
/**
 * How long a request waits for a concurrent one with the same key (whose uncommitted claim row
 * it meets) before answering 409 IDEMPOTENCY_IN_PROGRESS. Whole seconds: innodb_lock_wait_timeout.
 */
export const CLAIM_WAIT_SECONDS = 2;
const SAVEPOINT = 'idempotency_claim';

/**
 * What claiming a key found: it is now ours (`claimed`), it holds a stored answer (`replay`),
 * it was used for a different request (`reused`), or another request still holds it (`busy`).
 * The HTTP side (IdempotencyInterceptor) turns these into answers.
 */
export type Claim =
  | { kind: 'claimed' }
  | { kind: 'replay'; status: number; body: string }
  | { kind: 'reused' }
  | { kind: 'busy' };

interface Row {
  request_hash: Buffer;
  state: string;
  locked_until: Date | null;
  response_status: number | null;
  response_body: string | null;
  expires_at: Date;
}

/**
 * The `idempotency_keys` table (IdempotencyKeyOrmEntity). Keys are claimed inside the business transaction: the claim is an uncommitted row,
 * so it lives exactly as long as the transaction. A commit stores the answer with the business
 * change; a rollback, a crash (kill -9) or a lost connection takes the claim with it, and a
 * retry runs at once. A concurrent request with the same key meets the uncommitted row's lock
 * and waits for it (CLAIM_WAIT_SECONDS at most): it replays the answer once the first commits,
 * runs itself if the first rolled back, or answers 409 if the first is still running.
 *
 * Rows committed as `in_progress` only come from versions that claimed in autocommit (a rolling
 * deploy): they are honoured until `locked_until` (IDEMPOTENCY_CLAIM_TTL_SECONDS), as before.
 */
@Injectable()
export class IdempotencyStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly config: AppConfig,
  ) {}

  /**
   * The first statements of the business transaction: claims the key (an uncommitted row, held
   * until the transaction ends) and sets a savepoint after it. Or finds a completed key to
   * replay, a key used for another request, or a key another request still holds (a concurrent
   * claim not released within CLAIM_WAIT_SECONDS).
   */
  async claim(scopeHash: Buffer, requestHash: Buffer, now: Date): Promise<Claim> {
    const tx = this.txHost.tx;
    // Bounded wait on a concurrent claim; restored before any business statement runs.
    await tx.query(`SET SESSION innodb_lock_wait_timeout = ${CLAIM_WAIT_SECONDS}`);
    try {
      const claim = await this.claimRow(scopeHash, requestHash, now);
      if (claim.kind === 'claimed') await tx.query(`SAVEPOINT ${SAVEPOINT}`);
      return claim;
    } catch (err) {
      if (isLockWaitTimeout(err)) return { kind: 'busy' };
      throw err;
    } finally {
      await tx.query('SET SESSION innodb_lock_wait_timeout = DEFAULT');
    }
  }

  private async claimRow(scopeHash: Buffer, requestHash: Buffer, now: Date, attempt = 1): Promise<Claim> {
    const tx = this.txHost.tx;
    // For versions that claim in autocommit (rolling deploy): they treat it as a live claim.
    const lockedUntil = new Date(now.getTime() + this.config.env.IDEMPOTENCY_CLAIM_TTL_SECONDS * 1000);
    const expiresAt = new Date(now.getTime() + RETENTION_MS);
    try {
      await tx.query(
        `INSERT INTO idempotency_keys (scope_hash, request_hash, state, lock_token, locked_until, created_at, expires_at)
         VALUES (?, ?, 'in_progress', ?, ?, ?, ?)`,
        [scopeHash, requestHash, randomBytes(16), lockedUntil, now, expiresAt],
      );
      return { kind: 'claimed' };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    // A committed row: the latest version, share-locked so it can't change under the decision.
    const [row] = (await tx.query(
      `SELECT request_hash, state, locked_until, response_status, response_body, expires_at
       FROM idempotency_keys WHERE scope_hash = ? LOCK IN SHARE MODE`,
      [scopeHash],
    )) as Row[];
    if (!row) {
      // Purged in between (expired): claim again.
      if (attempt < 3) return this.claimRow(scopeHash, requestHash, now, attempt + 1);
      return { kind: 'busy' };
    }

    const expired = row.expires_at.getTime() <= now.getTime();
    if (!expired && !row.request_hash.equals(requestHash)) return { kind: 'reused' };
    if (!expired && row.state === 'completed') {
      return { kind: 'replay', status: row.response_status as number, body: row.response_body as string };
    }
    if (!expired && row.locked_until && row.locked_until.getTime() > now.getTime()) return { kind: 'busy' };

    // An expired key, or an autocommit claim abandoned by a crashed process of an older version.
    const result = await tx.query(
      `UPDATE idempotency_keys SET request_hash = ?, state = 'in_progress', lock_token = ?, locked_until = ?,
         response_status = NULL, response_body = NULL, created_at = ?, expires_at = ?
       WHERE scope_hash = ? AND (expires_at <= ? OR (state = 'in_progress' AND locked_until <= ?))`,
      [requestHash, randomBytes(16), lockedUntil, now, expiresAt, scopeHash, now, now],
    );
    return affectedRows(result) === 1 ? { kind: 'claimed' } : { kind: 'busy' };
  }

  /** Undoes the business change of a refused request (4xx), keeping the claim, whose answer is then stored. */
  async rollbackToClaim(): Promise<void> {
    await this.txHost.tx.query(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
  }

  /**
   * Stores the answer on the claimed row, in the same transaction as the business change.
   * False when the row is no longer this request's claim.
   */
  async complete(scopeHash: Buffer, status: number, body: string): Promise<boolean> {
    const result = await this.txHost.tx.query(
      `UPDATE idempotency_keys SET state = 'completed', response_status = ?, response_body = ?, lock_token = NULL, locked_until = NULL
       WHERE scope_hash = ? AND state = 'in_progress'`,
      [status, body, scopeHash],
    );
    return affectedRows(result) === 1;
  }

  /** Deletes expired keys in small batches; returns how many went. */
  async purgeExpired(now: Date, batch = 1000): Promise<number> {
    const result = await this.dataSource.query('DELETE FROM idempotency_keys WHERE expires_at <= ? LIMIT ?', [now, batch]);
    return affectedRows(result);
  }
}
