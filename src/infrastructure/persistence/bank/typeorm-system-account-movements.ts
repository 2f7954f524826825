import { Injectable } from '@nestjs/common';
import { SystemAccountRole } from '@domain/bank/system-account';
import {
  SystemAccountMovement,
  SystemAccountMovements,
} from '@domain/bank/system-account-movements.port';
import { bufferToUuid, toSafeInteger, uuidToBuffer } from '@infra/database/column-codecs';
import { placeholders, Sql } from '@infra/database/sql';
import { SYSTEM_ACCOUNT_IDS } from './typeorm-account.repository';

/** Two index range reads (ix_transfers_from, ix_transfers_to), filtered by created_at. */
@Injectable()
export class TypeormSystemAccountMovements implements SystemAccountMovements {
  constructor(private readonly sql: Sql) {}

  async between(role: SystemAccountRole, from: Date, to: Date): Promise<SystemAccountMovement[]> {
    const ids = Object.values(SYSTEM_ACCOUNT_IDS[role]).map(uuidToBuffer);
    const list = placeholders(ids.length);
    const rows = await this.sql.rows<{
      id: Buffer;
      amount: string | number;
      currency: string;
      outgoing: number | string;
    }>(
      `SELECT id, amount, currency, from_account_id IN (${list}) AS outgoing FROM transfers
       WHERE (from_account_id IN (${list}) OR to_account_id IN (${list}))
         AND created_at >= ? AND created_at < ?
       ORDER BY id`,
      [...ids, ...ids, ...ids, from, to],
    );
    return rows.map((r) => ({
      transferId: bufferToUuid(r.id),
      amount: Number(r.outgoing) === 1 ? toSafeInteger(r.amount) : -toSafeInteger(r.amount),
      currency: r.currency,
    }));
  }
}
