import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '@infra/config/app-config';
import { isDuplicateKey, isLockWaitTimeout } from '@infra/database/mysql-errors';
import { selectList } from '@infra/database/row-mapper';
import { Sql } from '@infra/database/sql';
import { IdempotencyKeyRow, idempotencyKeyMapper } from './idempotency-key.mapper';

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
    private readonly sql: Sql,
    private readonly config: AppConfig,
  ) {}

  /**
   * The first statements of the business transaction: claims the key (an uncommitted row, held
   * until the transaction ends) and sets a savepoint after it. Or finds a completed key to
   * replay, a key used for another request, or a key another request still holds (a concurrent
   * claim not released within CLAIM_WAIT_SECONDS).
   */
  async claim(scopeHash: Buffer, requestHash: Buffer, now: Date): Promise<Claim> {
    // Bounded wait on a concurrent claim; restored before any business statement runs.
    await this.sql.execute(`SET SESSION innodb_lock_wait_timeout = ${CLAIM_WAIT_SECONDS}`);
    try {
      const claim = await this.claimRow(scopeHash, requestHash, now);
      if (claim.kind === 'claimed') await this.sql.execute(`SAVEPOINT ${SAVEPOINT}`);
      return claim;
    } catch (err) {
      if (isLockWaitTimeout(err)) return { kind: 'busy' };
      throw err;
    } finally {
      await this.sql.execute('SET SESSION innodb_lock_wait_timeout = DEFAULT');
    }
  }

  private async claimRow(
    scopeHash: Buffer,
    requestHash: Buffer,
    now: Date,
    attempt = 1,
  ): Promise<Claim> {
    // For versions that claim in autocommit (rolling deploy): they treat it as a live claim.
    const lockedUntil = new Date(
      now.getTime() + this.config.env.IDEMPOTENCY_CLAIM_TTL_SECONDS * 1000,
    );
    const expiresAt = new Date(now.getTime() + RETENTION_MS);
    try {
      await this.sql.insert(idempotencyKeyMapper, {
        scopeHash,
        requestHash,
        state: 'in_progress',
        lockToken: randomBytes(16),
        lockedUntil,
        responseStatus: null,
        responseBody: null,
        createdAt: now,
        expiresAt,
      });
      return { kind: 'claimed' };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    // A committed row: the latest version, share-locked so it can't change under the decision.
    const row = await this.sql.one<IdempotencyKeyRow>(
      `SELECT ${selectList(idempotencyKeyMapper)} FROM idempotency_keys WHERE scope_hash = ? LOCK IN SHARE MODE`,
      [scopeHash],
    );
    if (!row) {
      // Purged in between (expired): claim again.
      if (attempt < 3) return this.claimRow(scopeHash, requestHash, now, attempt + 1);
      return { kind: 'busy' };
    }

    const key = idempotencyKeyMapper.toDomain(row);
    const expired = key.expiresAt.getTime() <= now.getTime();
    if (!expired && !key.requestHash.equals(requestHash)) return { kind: 'reused' };
    if (!expired && key.state === 'completed') {
      return {
        kind: 'replay',
        status: key.responseStatus as number,
        body: key.responseBody as string,
      };
    }
    if (!expired && key.lockedUntil && key.lockedUntil.getTime() > now.getTime())
      return { kind: 'busy' };

    // An expired key, or an autocommit claim abandoned by a crashed process of an older version.
    const updated = await this.sql.execute(
      `UPDATE idempotency_keys SET request_hash = ?, state = 'in_progress', lock_token = ?, locked_until = ?,
         response_status = NULL, response_body = NULL, created_at = ?, expires_at = ?
       WHERE scope_hash = ? AND (expires_at <= ? OR (state = 'in_progress' AND locked_until <= ?))`,
      [requestHash, randomBytes(16), lockedUntil, now, expiresAt, scopeHash, now, now],
    );
    return updated === 1 ? { kind: 'claimed' } : { kind: 'busy' };
  }

  /** Undoes the business change of a refused request (4xx), keeping the claim, whose answer is then stored. */
  async rollbackToClaim(): Promise<void> {
    await this.sql.execute(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
  }

  /**
   * Stores the answer on the claimed row, in the same transaction as the business change.
   * False when the row is no longer this request's claim.
   */
  async complete(scopeHash: Buffer, status: number, body: string): Promise<boolean> {
    const updated = await this.sql.execute(
      `UPDATE idempotency_keys SET state = 'completed', response_status = ?, response_body = ?, lock_token = NULL, locked_until = NULL
       WHERE scope_hash = ? AND state = 'in_progress'`,
      [status, body, scopeHash],
    );
    return updated === 1;
  }

  /** Deletes expired keys in small batches; returns how many went. Runs outside any unit of work (the janitor). */
  purgeExpired(now: Date, batch = 1000): Promise<number> {
    return this.sql.execute('DELETE FROM idempotency_keys WHERE expires_at <= ? LIMIT ?', [
      now,
      batch,
    ]);
  }
}
