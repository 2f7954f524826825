import { Injectable } from '@nestjs/common';
import {
  EmailVerificationToken,
  EmailVerificationTokenRepository,
} from '@domain/identity/email-verification';
import { uuidToBuffer } from '@infra/database/column-codecs';
import { selectList } from '@infra/database/row-mapper';
import { Sql } from '@infra/database/sql';
import {
  emailVerificationTokenMapper,
  EmailVerificationTokenRow,
} from './email-verification-token.mapper';

@Injectable()
export class TypeormEmailVerificationTokenRepository implements EmailVerificationTokenRepository {
  constructor(private readonly sql: Sql) {}

  async add(token: EmailVerificationToken): Promise<void> {
    await this.sql.insert(emailVerificationTokenMapper, token);
  }

  async findByHash(tokenHash: Buffer): Promise<EmailVerificationToken | null> {
    const row = await this.sql.one<EmailVerificationTokenRow>(
      `SELECT ${selectList(emailVerificationTokenMapper)} FROM email_verification_tokens WHERE token_hash = ?`,
      [tokenHash],
    );
    return row ? emailVerificationTokenMapper.toDomain(row) : null;
  }

  async markUsed(tokenHash: Buffer, now: Date): Promise<boolean> {
    const changed = await this.sql.execute(
      'UPDATE email_verification_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL',
      [now, tokenHash],
    );
    return changed === 1;
  }

  async retireAllFor(userId: string, now: Date): Promise<void> {
    await this.sql.execute(
      'UPDATE email_verification_tokens SET used_at = ? WHERE user_id = ? AND used_at IS NULL',
      [now, uuidToBuffer(userId)],
    );
  }
}
