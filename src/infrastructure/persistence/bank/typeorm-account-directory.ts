import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { AccountDirectory } from '../../../domain/bank/account-directory.port';
import { Currency } from '../../../domain/bank/money.value-object';
import { bufferToUuid, uuidToBuffer } from '../../database/column-codecs';

/** One indexed read (uq_accounts_owner_currency); joins the caller's transaction if any. */
@Injectable()
export class TypeormAccountDirectory implements AccountDirectory {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async findAccountId(ownerId: string, currency: Currency): Promise<string | null> {
    const rows = await this.txHost.tx.query<Array<{ id: Buffer }>>(
      'SELECT id FROM accounts WHERE owner_id = ? AND currency = ?',
      [uuidToBuffer(ownerId), currency],
    );
    return rows[0] ? bufferToUuid(rows[0].id) : null;
  }
}
