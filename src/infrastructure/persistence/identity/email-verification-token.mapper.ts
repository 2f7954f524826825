import { EmailVerificationToken } from '@domain/identity/email-verification';
import { bufferToUuid, uuidToBuffer } from '@infra/database/column-codecs';
import { RowMapper } from '@infra/database/row-mapper';

export interface EmailVerificationTokenRow {
  token_hash: Buffer;
  user_id: Buffer;
  email: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}

export const emailVerificationTokenMapper: RowMapper<
  EmailVerificationToken,
  EmailVerificationTokenRow
> = {
  table: 'email_verification_tokens',
  columns: ['token_hash', 'user_id', 'email', 'created_at', 'expires_at', 'used_at'],
  toDomain: (row) =>
    EmailVerificationToken.restore({
      tokenHash: row.token_hash,
      userId: bufferToUuid(row.user_id),
      email: row.email,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      usedAt: row.used_at,
    }),
  toRow: ({ props: t }) => ({
    token_hash: t.tokenHash,
    user_id: uuidToBuffer(t.userId),
    email: t.email,
    created_at: t.createdAt,
    expires_at: t.expiresAt,
    used_at: t.usedAt,
  }),
};
