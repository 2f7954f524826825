import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { UserContacts } from '../../../domain/stay/user-contacts.port';
import { uuidToBuffer } from '../../database/column-codecs';

/** A read of the identity context's users table: one column, no identity internals. */
@Injectable()
export class TypeormUserContacts implements UserContacts {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async emailOf(userId: string): Promise<string | null> {
    const rows = await this.txHost.tx.query<Array<{ email: string | null }>>(
      'SELECT email FROM users WHERE id = ?',
      [uuidToBuffer(userId)],
    );
    return rows[0]?.email ?? null;
  }
}
