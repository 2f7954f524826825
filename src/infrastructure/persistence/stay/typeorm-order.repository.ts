import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { Currency } from '../../../domain/bank/money.value-object';
import { CancelReason, Order, OrderStatus } from '../../../domain/stay/order.aggregate';
import { OrderRepository } from '../../../domain/stay/order.repository';
import { StayDates } from '../../../domain/stay/stay-dates.value-object';
import { bufferToUuid, toSafeInteger, uuidToBuffer } from '../../database/column-codecs';

interface OrderRow {
  id: Buffer;
  homestay_id: Buffer;
  guest_id: Buffer;
  host_id: Buffer;
  check_in: string;
  check_out: string;
  nights: number;
  guests: number;
  amount: number | string;
  currency: Currency;
  status: OrderStatus;
  pay_before: Date;
  paid_at: Date | null;
  cancelled_at: Date | null;
  cancel_reason: CancelReason | null;
  transfer_id: Buffer | null;
  check_in_code: string | null;
  created_at: Date;
}

// DATE columns as strings: no time zone conversion can shift a calendar date.
const COLUMNS = `id, homestay_id, guest_id, host_id, DATE_FORMAT(check_in, '%Y-%m-%d') AS check_in,
  DATE_FORMAT(check_out, '%Y-%m-%d') AS check_out, nights, guests, amount, currency, status, pay_before,
  paid_at, cancelled_at, cancel_reason, transfer_id, check_in_code, created_at`;

function toOrder(r: OrderRow): Order {
  return Order.restore({
    id: bufferToUuid(r.id),
    homestayId: bufferToUuid(r.homestay_id),
    guestId: bufferToUuid(r.guest_id),
    hostId: bufferToUuid(r.host_id),
    checkIn: r.check_in,
    checkOut: r.check_out,
    nights: r.nights,
    guests: r.guests,
    amount: toSafeInteger(r.amount),
    currency: r.currency,
    status: r.status,
    payBefore: r.pay_before,
    paidAt: r.paid_at,
    cancelledAt: r.cancelled_at,
    cancelReason: r.cancel_reason,
    transferId: r.transfer_id ? bufferToUuid(r.transfer_id) : null,
    checkInCode: r.check_in_code,
    createdAt: r.created_at,
  });
}

@Injectable()
export class TypeormOrderRepository implements OrderRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private query<T = unknown>(sql: string, params: unknown[]): Promise<T> {
    return this.txHost.tx.query(sql, params);
  }

  async insert(order: Order): Promise<void> {
    const o = order.snapshot();
    await this.query(
      `INSERT INTO orders (id, homestay_id, guest_id, host_id, check_in, check_out, nights, guests, amount, currency, status,
         pay_before, paid_at, cancelled_at, cancel_reason, transfer_id, check_in_code, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        uuidToBuffer(o.id),
        uuidToBuffer(o.homestayId),
        uuidToBuffer(o.guestId),
        uuidToBuffer(o.hostId),
        o.checkIn,
        o.checkOut,
        o.nights,
        o.guests,
        o.amount,
        o.currency,
        o.status,
        o.payBefore,
        o.paidAt,
        o.cancelledAt,
        o.cancelReason,
        o.transferId ? uuidToBuffer(o.transferId) : null,
        o.checkInCode,
        o.createdAt,
      ],
    );
  }

  async findById(id: string): Promise<Order | null> {
    const rows = await this.query<OrderRow[]>(`SELECT ${COLUMNS} FROM orders WHERE id = ?`, [
      uuidToBuffer(id),
    ]);
    return rows[0] ? toOrder(rows[0]) : null;
  }

  async lockById(id: string): Promise<Order | null> {
    const rows = await this.query<OrderRow[]>(
      `SELECT ${COLUMNS} FROM orders WHERE id = ? FOR UPDATE`,
      [uuidToBuffer(id)],
    );
    return rows[0] ? toOrder(rows[0]) : null;
  }

  async save(order: Order): Promise<void> {
    const o = order.snapshot();
    await this.query(
      `UPDATE orders SET status = ?, paid_at = ?, cancelled_at = ?, cancel_reason = ?, transfer_id = ?, check_in_code = ?
       WHERE id = ?`,
      [
        o.status,
        o.paidAt,
        o.cancelledAt,
        o.cancelReason,
        o.transferId ? uuidToBuffer(o.transferId) : null,
        o.checkInCode,
        uuidToBuffer(o.id),
      ],
    );
  }

  async hasLiveOverlap(homestayId: string, dates: StayDates, now: Date): Promise<boolean> {
    // LOCK IN SHARE MODE (valid on MySQL 8 and MariaDB) reads the latest committed rows, not
    // the transaction's REPEATABLE READ snapshot, which could predate the last booking.
    const rows = await this.query<unknown[]>(
      `SELECT 1 FROM orders
       WHERE homestay_id = ? AND check_out > ? AND check_in < ?
         AND (status = 'paid' OR (status = 'pending_payment' AND pay_before > ?))
       LIMIT 1 LOCK IN SHARE MODE`,
      [uuidToBuffer(homestayId), dates.checkIn, dates.checkOut, now],
    );
    return rows.length > 0;
  }

  async lockGuestAndCountPending(guestId: string, now: Date): Promise<number> {
    const guest = uuidToBuffer(guestId);
    // The users row is the guest's mutex (a stay-side lock, nothing of the row is read or written).
    await this.query('SELECT id FROM users WHERE id = ? FOR UPDATE', [guest]);
    // A locking read: the latest committed rows, whatever the transaction's snapshot.
    const rows = await this.query<Array<{ n: number | string }>>(
      `SELECT COUNT(*) AS n FROM orders
       WHERE guest_id = ? AND status = 'pending_payment' AND pay_before > ?
       LOCK IN SHARE MODE`,
      [guest, now],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async findOverdueIds(now: Date, limit: number): Promise<string[]> {
    const rows = await this.query<Array<{ id: Buffer }>>(
      `SELECT id FROM orders WHERE status = 'pending_payment' AND pay_before <= ? ORDER BY pay_before LIMIT ?`,
      [now, limit],
    );
    return rows.map((r) => bufferToUuid(r.id));
  }

  async list({
    as,
    userId,
    beforeId,
    limit,
  }: {
    as: 'guest' | 'host';
    userId: string;
    beforeId: string | null;
    limit: number;
  }): Promise<Order[]> {
    const column = as === 'host' ? 'host_id' : 'guest_id';
    const params: unknown[] = [uuidToBuffer(userId)];
    if (beforeId) params.push(uuidToBuffer(beforeId));
    params.push(limit);
    const rows = await this.query<OrderRow[]>(
      `SELECT ${COLUMNS} FROM orders WHERE ${column} = ? ${beforeId ? 'AND id < ?' : ''} ORDER BY id DESC LIMIT ?`,
      params,
    );
    return rows.map(toOrder);
  }
}
