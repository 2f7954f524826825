import { Injectable } from '@nestjs/common';
import { AccountDirectory } from '@domain/bank/account-directory.port';
import { Currency } from '@domain/bank/money.value-object';
import { SystemAccountRole } from '@domain/bank/system-account';
import { bufferToUuid, uuidToBuffer } from '@infra/database/column-codecs';
import { Sql } from '@infra/database/sql';
import { SYSTEM_ACCOUNT_IDS } from './typeorm-account.repository';

/** One indexed read (uq_accounts_owner_currency); joins the caller's transaction if any. */
@Injectable()
export class TypeormAccountDirectory implements AccountDirectory {
  constructor(private readonly sql: Sql) {}

  async findAccountId(ownerId: string, currency: Currency): Promise<string | null> {
    // Only the id: the unique index covers the read, no need for the whole account.
    const row = await this.sql.one<{ id: Buffer }>(
      'SELECT id FROM accounts WHERE owner_id = ? AND currency = ?',
      [uuidToBuffer(ownerId), currency],
    );
    return row ? bufferToUuid(row.id) : null;
  }

  systemAccountId(role: SystemAccountRole, currency: Currency): string {
    return SYSTEM_ACCOUNT_IDS[role][currency];
  }
}
