import { Session, SessionEndReason, SessionMethod } from '@domain/identity/session.aggregate';
import { bufferToUuid, uuidToBuffer } from '@infra/database/column-codecs';
import { RowMapper } from '@infra/database/row-mapper';

export interface SessionRow {
  id: Buffer;
  method: string;
  user_id: Buffer;
  user_agent: string | null;
  ip: string | null;
  created_at: Date;
  last_used_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  revoked_reason: string | null;
}

export const sessionMapper: RowMapper<Session, SessionRow> = {
  table: 'sessions',
  columns: [
    'id',
    'method',
    'user_id',
    'user_agent',
    'ip',
    'created_at',
    'last_used_at',
    'expires_at',
    'revoked_at',
    'revoked_reason',
  ],
  toDomain: (row) =>
    Session.restore({
      id: bufferToUuid(row.id),
      method: row.method as SessionMethod,
      userId: bufferToUuid(row.user_id),
      userAgent: row.user_agent,
      ip: row.ip,
      createdAt: row.created_at,
      lastUsedAt: row.last_used_at,
      expiresAt: row.expires_at,
      revokedAt: row.revoked_at,
      revokedReason: row.revoked_reason as SessionEndReason | null,
    }),
  toRow: (session) => {
    const s = session.snapshot();
    return {
      id: uuidToBuffer(s.id),
      method: s.method,
      user_id: uuidToBuffer(s.userId),
      user_agent: s.userAgent,
      ip: s.ip,
      created_at: s.createdAt,
      last_used_at: s.lastUsedAt,
      expires_at: s.expiresAt,
      revoked_at: s.revokedAt,
      revoked_reason: s.revokedReason,
    };
  },
};
