import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { IsNull, MoreThan, Not } from 'typeorm';
import { RefreshTokenRecord, Session, SessionEndReason, SessionMethod } from '../../../domain/identity/session.aggregate';
import { SessionRepository } from '../../../domain/identity/session.repository';
import { uuidToBuffer } from '../../database/column-codecs';
import { RefreshTokenOrmEntity } from './refresh-token.orm-entity';
import { SessionOrmEntity } from './session.orm-entity';

@Injectable()
export class TypeormSessionRepository implements SessionRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get sessions() {
    return this.txHost.tx.getRepository(SessionOrmEntity);
  }
  private get tokens() {
    return this.txHost.tx.getRepository(RefreshTokenOrmEntity);
  }

  async findById(id: string): Promise<Session | null> {
    const row = await this.sessions.findOneBy({ id });
    return row ? toDomain(row) : null;
  }

  async findRefreshToken(tokenHash: Buffer): Promise<RefreshTokenRecord | null> {
    const row = await this.tokens.findOneBy({ tokenHash });
    return row ? { tokenHash: row.tokenHash, sessionId: row.sessionId, expiresAt: row.expiresAt, rotatedAt: row.rotatedAt } : null;
  }

  async listActive(userId: string, now: Date): Promise<Session[]> {
    const rows = await this.sessions.find({
      where: { userId, revokedAt: IsNull(), expiresAt: MoreThan(now) },
      order: { lastUsedAt: 'DESC' },
      take: 100,
    });
    return rows.map(toDomain);
  }

  async save(session: Session): Promise<void> {
    await this.sessions.save(this.sessions.create({ ...session.snapshot() }), { reload: false });
  }

  async addRefreshToken(token: RefreshTokenRecord): Promise<void> {
    await this.tokens.insert({ ...token, createdAt: new Date() });
  }

  async markRotated(tokenHash: Buffer, now: Date): Promise<boolean> {
    const result = await this.tokens.update({ tokenHash, rotatedAt: IsNull() }, { rotatedAt: now });
    return result.affected === 1;
  }

  async endAllExcept(userId: string, keepSessionId: string | null, reason: SessionEndReason, now: Date): Promise<string[]> {
    const where = {
      userId,
      revokedAt: IsNull(),
      ...(keepSessionId ? { id: Not(keepSessionId) } : {}),
    };
    const rows = await this.sessions.find({ where, select: { id: true }, lock: { mode: 'pessimistic_write' } });
    if (rows.length === 0) return [];
    await this.sessions
      .createQueryBuilder()
      .update()
      .set({ revokedAt: now, revokedReason: reason })
      .where('id IN (:...ids)', { ids: rows.map((r) => uuidToBuffer(r.id)) })
      .execute();
    return rows.map((r) => r.id);
  }
}

function toDomain(row: SessionOrmEntity): Session {
  return Session.restore({
    ...row,
    method: row.method as SessionMethod,
    revokedReason: row.revokedReason as SessionEndReason | null,
  });
}
