import { RefreshTokenRecord } from '@domain/identity/session.aggregate';
import { bufferToUuid, uuidToBuffer } from '@infra/database/column-codecs';
import { RowMapper } from '@infra/database/row-mapper';

/** The record as stored: when it was issued is kept for audits, the domain never reads it. */
export type StoredRefreshToken = RefreshTokenRecord & { createdAt: Date };

export interface RefreshTokenRow {
  token_hash: Buffer;
  session_id: Buffer;
  created_at: Date;
  expires_at: Date;
  rotated_at: Date | null;
}

export const refreshTokenMapper: RowMapper<StoredRefreshToken, RefreshTokenRow> = {
  table: 'refresh_tokens',
  columns: ['token_hash', 'session_id', 'created_at', 'expires_at', 'rotated_at'],
  toDomain: (row) => ({
    tokenHash: row.token_hash,
    sessionId: bufferToUuid(row.session_id),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    rotatedAt: row.rotated_at,
  }),
  toRow: (t) => ({
    token_hash: t.tokenHash,
    session_id: uuidToBuffer(t.sessionId),
    created_at: t.createdAt,
    expires_at: t.expiresAt,
    rotated_at: t.rotatedAt,
  }),
};
