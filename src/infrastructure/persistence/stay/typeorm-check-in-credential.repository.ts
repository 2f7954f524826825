import { Injectable } from '@nestjs/common';
import { CheckInCredential } from '@domain/stay/check-in-credential';
import { CheckInCredentialRepository } from '@domain/stay/check-in-credential.repository';
import { uuidToBuffer } from '@infra/database/column-codecs';
import { selectList } from '@infra/database/row-mapper';
import { Sql } from '@infra/database/sql';
import { OrderCheckInRow, orderCheckInMapper } from './order-check-in.mapper';

const COLUMNS = selectList(orderCheckInMapper);

@Injectable()
export class TypeormCheckInCredentialRepository implements CheckInCredentialRepository {
  constructor(private readonly sql: Sql) {}

  async insert(credential: CheckInCredential): Promise<void> {
    await this.sql.insert(orderCheckInMapper, credential);
  }

  async findByOrderId(orderId: string): Promise<CheckInCredential | null> {
    const row = await this.sql.one<OrderCheckInRow>(
      `SELECT ${COLUMNS} FROM order_check_ins WHERE order_id = ?`,
      [uuidToBuffer(orderId)],
    );
    return row ? orderCheckInMapper.toDomain(row) : null;
  }

  async save(credential: CheckInCredential): Promise<void> {
    const r = orderCheckInMapper.toRow(credential);
    await this.sql.execute(
      'UPDATE order_check_ins SET wrong_codes = ?, lockouts = ?, locked_until = ? WHERE order_id = ?',
      [r.wrong_codes, r.lockouts, r.locked_until, r.order_id],
    );
  }

  async delete(orderId: string): Promise<void> {
    await this.sql.execute('DELETE FROM order_check_ins WHERE order_id = ?', [
      uuidToBuffer(orderId),
    ]);
  }
}
