import { Currency } from '@domain/bank/money.value-object';
import { CancelReason, Order, OrderStatus } from '@domain/stay/order.aggregate';
import {
  bufferToUuid,
  nullableBufferToUuid,
  nullableUuidToBuffer,
  toSafeInteger,
  uuidToBuffer,
} from '@infra/database/column-codecs';
import { RowMapper } from '@infra/database/row-mapper';

export interface OrderRow {
  id: Buffer;
  homestay_id: Buffer;
  guest_id: Buffer;
  host_id: Buffer;
  /** DATE: 'YYYY-MM-DD' (the connection reads DATE columns as text, see column-codecs.ts). */
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
  paid_from_account_id: Buffer | null;
  checked_in_at: Date | null;
  refunded_at: Date | null;
  payout_transfer_id: Buffer | null;
  fee_transfer_id: Buffer | null;
  refund_transfer_id: Buffer | null;
  created_at: Date;
}

export const orderMapper: RowMapper<Order, OrderRow> = {
  table: 'orders',
  columns: [
    'id',
    'homestay_id',
    'guest_id',
    'host_id',
    'check_in',
    'check_out',
    'nights',
    'guests',
    'amount',
    'currency',
    'status',
    'pay_before',
    'paid_at',
    'cancelled_at',
    'cancel_reason',
    'transfer_id',
    'paid_from_account_id',
    'checked_in_at',
    'refunded_at',
    'payout_transfer_id',
    'fee_transfer_id',
    'refund_transfer_id',
    'created_at',
  ],
  toDomain: (r) =>
    Order.restore({
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
      transferId: nullableBufferToUuid(r.transfer_id),
      paidFromAccountId: nullableBufferToUuid(r.paid_from_account_id),
      checkedInAt: r.checked_in_at,
      refundedAt: r.refunded_at,
      payoutTransferId: nullableBufferToUuid(r.payout_transfer_id),
      feeTransferId: nullableBufferToUuid(r.fee_transfer_id),
      refundTransferId: nullableBufferToUuid(r.refund_transfer_id),
      createdAt: r.created_at,
    }),
  toRow: (order) => {
    const o = order.snapshot();
    return {
      id: uuidToBuffer(o.id),
      homestay_id: uuidToBuffer(o.homestayId),
      guest_id: uuidToBuffer(o.guestId),
      host_id: uuidToBuffer(o.hostId),
      check_in: o.checkIn,
      check_out: o.checkOut,
      nights: o.nights,
      guests: o.guests,
      amount: o.amount,
      currency: o.currency,
      status: o.status,
      pay_before: o.payBefore,
      paid_at: o.paidAt,
      cancelled_at: o.cancelledAt,
      cancel_reason: o.cancelReason,
      transfer_id: nullableUuidToBuffer(o.transferId),
      paid_from_account_id: nullableUuidToBuffer(o.paidFromAccountId),
      checked_in_at: o.checkedInAt,
      refunded_at: o.refundedAt,
      payout_transfer_id: nullableUuidToBuffer(o.payoutTransferId),
      fee_transfer_id: nullableUuidToBuffer(o.feeTransferId),
      refund_transfer_id: nullableUuidToBuffer(o.refundTransferId),
      created_at: o.createdAt,
    };
  },
};
