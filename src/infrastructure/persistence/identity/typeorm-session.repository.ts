import { Injectable } from '@nestjs/common';
import { RefreshTokenRecord, Session, SessionEndReason } from '@domain/identity/session.aggregate';
import { SessionRepository } from '@domain/identity/session.repository';
import { bufferToUuid, uuidToBuffer } from '@infra/database/column-codecs';
import { selectList } from '@infra/database/row-mapper';
import { placeholders, Sql } from '@infra/database/sql';
import { refreshTokenMapper, RefreshTokenRow } from './refresh-token.mapper';
import { saveById } from '@infra/database/save-by-id';
import { sessionMapper, SessionRow } from './session.mapper';

const SELECT_SESSION = `SELECT ${selectList(sessionMapper)} FROM sessions`;

@Injectable()
export class TypeormSessionRepository implements SessionRepository {
  constructor(private readonly sql: Sql) {}

  async findById(id: string): Promise<Session | null> {
    const row = await this.sql.one<SessionRow>(`${SELECT_SESSION} WHERE id = ?`, [
      uuidToBuffer(id),
    ]);
    return row ? sessionMapper.toDomain(row) : null;
  }

  async findRefreshToken(tokenHash: Buffer): Promise<RefreshTokenRecord | null> {
    const row = await this.sql.one<RefreshTokenRow>(
      `SELECT ${selectList(refreshTokenMapper)} FROM refresh_tokens WHERE token_hash = ?`,
      [tokenHash],
    );
    return row ? refreshTokenMapper.toDomain(row) : null;
  }

  async listActive(userId: string, now: Date): Promise<Session[]> {
    const rows = await this.sql.rows<SessionRow>(
      `${SELECT_SESSION} WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ? ORDER BY last_used_at DESC LIMIT 100`,
      [uuidToBuffer(userId), now],
    );
    return rows.map(sessionMapper.toDomain);
  }

  async save(session: Session): Promise<void> {
    // A new session writes its user's row first, as endAllExcept does: on Galera a session
    // started on another node while all sessions end then fails certification and runs again,
    // instead of committing unseen by the end-all.
    await saveById(this.sql, sessionMapper, session, {
      beforeInsert: () => this.writeUserLock(session.userId),
    });
  }

  async addRefreshToken(token: RefreshTokenRecord): Promise<void> {
    await this.sql.insert(refreshTokenMapper, { ...token, createdAt: new Date() });
  }

  async markRotated(tokenHash: Buffer, now: Date): Promise<boolean> {
    const changed = await this.sql.execute(
      'UPDATE refresh_tokens SET rotated_at = ? WHERE token_hash = ? AND rotated_at IS NULL',
      [now, tokenHash],
    );
    return changed === 1;
  }

  async endAllExcept(
    userId: string,
    keepSessionId: string | null,
    reason: SessionEndReason,
    now: Date,
  ): Promise<string[]> {
    // The gap lock of the read below keeps new sessions out on one server only; the written
    // user row is what conflicts with a session started on another Galera node (see save).
    await this.writeUserLock(userId);
    const params: unknown[] = [uuidToBuffer(userId)];
    if (keepSessionId) params.push(uuidToBuffer(keepSessionId));
    const rows = await this.sql.rows<{ id: Buffer }>(
      `SELECT id FROM sessions WHERE user_id = ? AND revoked_at IS NULL${keepSessionId ? ' AND id != ?' : ''} FOR UPDATE`,
      params,
    );
    if (rows.length === 0) return [];
    await this.sql.execute(
      `UPDATE sessions SET revoked_at = ?, revoked_reason = ? WHERE id IN (${placeholders(rows.length)})`,
      [now, reason, ...rows.map((r) => r.id)],
    );
    return rows.map((r) => bufferToUuid(r.id));
  }

  private async writeUserLock(userId: string): Promise<void> {
    await this.sql.execute('UPDATE users SET lock_seq = lock_seq + 1 WHERE id = ?', [
      uuidToBuffer(userId),
    ]);
  }
}
