import { Injectable } from '@nestjs/common';
import { Payment, PaymentProviderName } from '@domain/payment/payment.aggregate';
import { PaymentRepository } from '@domain/payment/payment.repository';
import { uuidToBuffer } from '@infra/database/column-codecs';
import { selectList } from '@infra/database/row-mapper';
import { Sql } from '@infra/database/sql';
import { paymentEventMapper, PaymentRow, paymentMapper } from './payment.mapper';

const COLUMNS = selectList(paymentMapper);

@Injectable()
export class TypeormPaymentRepository implements PaymentRepository {
  constructor(private readonly sql: Sql) {}

  async insert(payment: Payment): Promise<void> {
    await this.sql.insert(paymentMapper, payment);
  }

  async findById(id: string): Promise<Payment | null> {
    const row = await this.sql.one<PaymentRow>(`SELECT ${COLUMNS} FROM payments WHERE id = ?`, [
      uuidToBuffer(id),
    ]);
    return row ? paymentMapper.toDomain(row) : null;
  }

  async lockByProviderRef(
    provider: PaymentProviderName,
    providerRef: string,
  ): Promise<Payment | null> {
    const row = await this.sql.one<PaymentRow>(
      `SELECT ${COLUMNS} FROM payments WHERE provider = ? AND provider_ref = ? FOR UPDATE`,
      [provider, providerRef],
    );
    return row ? paymentMapper.toDomain(row) : null;
  }

  async lockSucceededForOrder(orderId: string): Promise<Payment | null> {
    const row = await this.sql.one<PaymentRow>(
      `SELECT ${COLUMNS} FROM payments WHERE order_id = ? AND status = 'succeeded' FOR UPDATE`,
      [uuidToBuffer(orderId)],
    );
    return row ? paymentMapper.toDomain(row) : null;
  }

  async save(payment: Payment): Promise<void> {
    const r = paymentMapper.toRow(payment);
    await this.sql.execute(
      `UPDATE payments SET status = ?, transfer_id = ?, refund_transfer_id = ?, failure_reason = ?,
         succeeded_at = ?, refunded_at = ?, updated_at = ?
       WHERE id = ?`,
      [
        r.status,
        r.transfer_id,
        r.refund_transfer_id,
        r.failure_reason,
        r.succeeded_at,
        r.refunded_at,
        r.updated_at,
        r.id,
      ],
    );
  }

  async listByPayer(payerId: string, beforeId: string | null, limit: number): Promise<Payment[]> {
    const rows = await this.sql.newestFirst(
      paymentMapper,
      { payer_id: uuidToBuffer(payerId) },
      beforeId,
      limit,
      'ix_payments_payer',
    );
    return rows.map(paymentMapper.toDomain);
  }

  async succeededBetween(from: Date, to: Date): Promise<Payment[]> {
    const rows = await this.sql.rows<PaymentRow>(
      `SELECT ${COLUMNS} FROM payments WHERE succeeded_at >= ? AND succeeded_at < ? ORDER BY id`,
      [from, to],
    );
    return rows.map(paymentMapper.toDomain);
  }

  async refundedBetween(from: Date, to: Date): Promise<Payment[]> {
    const rows = await this.sql.rows<PaymentRow>(
      `SELECT ${COLUMNS} FROM payments WHERE refunded_at >= ? AND refunded_at < ? ORDER BY id`,
      [from, to],
    );
    return rows.map(paymentMapper.toDomain);
  }

  async markEventProcessed(
    provider: PaymentProviderName,
    eventId: string,
    type: string,
    now: Date,
  ): Promise<boolean> {
    // A duplicate key held by a concurrent, uncommitted delivery makes this wait for it; once it
    // commits this finds the row (0 rows inserted), once it rolls back this inserts.
    const inserted = await this.sql.insertIgnoringDuplicates(paymentEventMapper, {
      provider,
      eventId,
      type,
      receivedAt: now,
    });
    return inserted === 1;
  }
}
