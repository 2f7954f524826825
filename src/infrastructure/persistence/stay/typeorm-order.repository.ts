import { Injectable } from '@nestjs/common';
import { Order } from '@domain/stay/order.aggregate';
import { OrderRepository } from '@domain/stay/order.repository';
import { StayDates } from '@domain/stay/stay-dates.value-object';
import { bufferToUuid, toSafeInteger, uuidToBuffer } from '@infra/database/column-codecs';
import { Sql } from '@infra/database/sql';
import { selectList } from '@infra/database/row-mapper';
import { OrderRow, orderMapper } from './order.mapper';

const COLUMNS = selectList(orderMapper);

@Injectable()
export class TypeormOrderRepository implements OrderRepository {
  constructor(private readonly sql: Sql) {}

  async insert(order: Order): Promise<void> {
    await this.sql.insert(orderMapper, order);
  }

  async findById(id: string): Promise<Order | null> {
    const row = await this.sql.one<OrderRow>(`SELECT ${COLUMNS} FROM orders WHERE id = ?`, [
      uuidToBuffer(id),
    ]);
    return row ? orderMapper.toDomain(row) : null;
  }

  async lockById(id: string): Promise<Order | null> {
    const row = await this.sql.one<OrderRow>(
      `SELECT ${COLUMNS} FROM orders WHERE id = ? FOR UPDATE`,
      [uuidToBuffer(id)],
    );
    return row ? orderMapper.toDomain(row) : null;
  }

  async save(order: Order): Promise<void> {
    const r = orderMapper.toRow(order);
    await this.sql.execute(
      `UPDATE orders SET status = ?, paid_at = ?, cancelled_at = ?, cancel_reason = ?, transfer_id = ?,
         paid_from_account_id = ?, checked_in_at = ?, refunded_at = ?, payout_transfer_id = ?,
         fee_transfer_id = ?, refund_transfer_id = ?
       WHERE id = ?`,
      [
        r.status,
        r.paid_at,
        r.cancelled_at,
        r.cancel_reason,
        r.transfer_id,
        r.paid_from_account_id,
        r.checked_in_at,
        r.refunded_at,
        r.payout_transfer_id,
        r.fee_transfer_id,
        r.refund_transfer_id,
        r.id,
      ],
    );
  }

  async hasLiveOverlap(homestayId: string, dates: StayDates, now: Date): Promise<boolean> {
    // LOCK IN SHARE MODE (valid on MySQL 8 and MariaDB) reads the latest committed rows, not
    // the transaction's REPEATABLE READ snapshot, which could predate the last booking.
    // FORCE INDEX: the locking read must lock only this homestay's range. Left to itself the
    // optimizer may add a rowid filter over a (status, …) index, whose shared locks then cover
    // every order in that status and deadlock concurrent bookings of other homestays.
    const row = await this.sql.one(
      `SELECT 1 FROM orders FORCE INDEX (ix_orders_homestay_check_out)
       WHERE homestay_id = ? AND check_out > ? AND check_in < ?
         AND (status IN ('paid', 'checked_in', 'no_show')
              OR (status = 'pending_payment' AND pay_before > ?))
       LIMIT 1 LOCK IN SHARE MODE`,
      [uuidToBuffer(homestayId), dates.checkIn, dates.checkOut, now],
    );
    return row !== null;
  }

  async lockGuestAndCountPending(guestId: string, now: Date): Promise<number> {
    const guest = uuidToBuffer(guestId);
    // The guest's stay_guests row is their mutex: the insert of a first-time guest and the
    // update of a known one both hold the row's exclusive lock to the end of the transaction.
    // The update changes lock_seq because on Galera only a changed row is certified: a no-op
    // update would let two nodes each pass the limit.
    await this.sql.execute(
      'INSERT INTO stay_guests (user_id) VALUES (?) ON DUPLICATE KEY UPDATE lock_seq = lock_seq + 1',
      [guest],
    );
    // A locking read: the latest committed rows, whatever the transaction's snapshot. FORCE
    // INDEX keeps its shared locks on this guest's orders: with a rowid filter over
    // ix_orders_status_check_out (MariaDB's choice under load) they spanned every pending order
    // and concurrent placements deadlocked.
    const row = await this.sql.one<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM orders FORCE INDEX (ix_orders_guest)
       WHERE guest_id = ? AND status = 'pending_payment' AND pay_before > ?
       LOCK IN SHARE MODE`,
      [guest, now],
    );
    return row ? toSafeInteger(row.n) : 0;
  }

  async findOverdueIds(now: Date, limit: number): Promise<string[]> {
    const rows = await this.sql.rows<{ id: Buffer }>(
      `SELECT id FROM orders WHERE status = 'pending_payment' AND pay_before <= ? ORDER BY pay_before LIMIT ?`,
      [now, limit],
    );
    return rows.map((r) => bufferToUuid(r.id));
  }

  async findNoShowIds(now: Date, limit: number): Promise<string[]> {
    // check_out <= the UTC date of now: 00:00 UTC of check-out has come.
    const rows = await this.sql.rows<{ id: Buffer }>(
      `SELECT id FROM orders WHERE status = 'paid' AND check_out <= ? ORDER BY check_out LIMIT ?`,
      [now.toISOString().slice(0, 10), limit],
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
    const rows = await this.sql.newestFirst(
      orderMapper,
      { [column]: uuidToBuffer(userId) },
      beforeId,
      limit,
      as === 'host' ? 'ix_orders_host' : 'ix_orders_guest',
    );
    return rows.map(orderMapper.toDomain);
  }
}
