import { RowMapper } from '@infra/database/row-mapper';

export type IdempotencyKeyState = 'in_progress' | 'completed';

/** One claimed key: its scope and request fingerprints, and the answer once completed. */
export interface IdempotencyKey {
  scopeHash: Buffer;
  requestHash: Buffer;
  state: IdempotencyKeyState;
  lockToken: Buffer | null;
  lockedUntil: Date | null;
  responseStatus: number | null;
  responseBody: string | null;
  createdAt: Date;
  expiresAt: Date;
}

export interface IdempotencyKeyRow {
  scope_hash: Buffer;
  request_hash: Buffer;
  state: string;
  lock_token: Buffer | null;
  locked_until: Date | null;
  response_status: number | null;
  response_body: string | null;
  created_at: Date;
  expires_at: Date;
}

/** `idempotency_keys` (IdempotencyKeyOrmEntity); the hashes are raw SHA-256 bytes both sides. */
export const idempotencyKeyMapper: RowMapper<IdempotencyKey, IdempotencyKeyRow> = {
  table: 'idempotency_keys',
  columns: [
    'scope_hash',
    'request_hash',
    'state',
    'lock_token',
    'locked_until',
    'response_status',
    'response_body',
    'created_at',
    'expires_at',
  ],
  toDomain: (row) => ({
    scopeHash: row.scope_hash,
    requestHash: row.request_hash,
    state: row.state as IdempotencyKeyState,
    lockToken: row.lock_token,
    lockedUntil: row.locked_until,
    responseStatus: row.response_status,
    responseBody: row.response_body,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  }),
  toRow: (k) => ({
    scope_hash: k.scopeHash,
    request_hash: k.requestHash,
    state: k.state,
    lock_token: k.lockToken,
    locked_until: k.lockedUntil,
    response_status: k.responseStatus,
    response_body: k.responseBody,
    created_at: k.createdAt,
    expires_at: k.expiresAt,
  }),
};
