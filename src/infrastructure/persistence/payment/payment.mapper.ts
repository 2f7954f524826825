import { Currency } from '@domain/bank/money.value-object';
import {
  Payment,
  PaymentFailureReason,
  PaymentProviderName,
  PaymentPurpose,
  PaymentStatus,
} from '@domain/payment/payment.aggregate';
import {
  bufferToUuid,
  nullableBufferToUuid,
  nullableUuidToBuffer,
  toSafeInteger,
  uuidToBuffer,
} from '@infra/database/column-codecs';
import { RowMapper } from '@infra/database/row-mapper';

export interface PaymentRow {
  id: Buffer;
  payer_id: Buffer;
  purpose: PaymentPurpose;
  status: PaymentStatus;
  amount: number | string;
  currency: Currency;
  provider: PaymentProviderName;
  provider_ref: string;
  checkout_url: string;
  account_id: Buffer | null;
  order_id: Buffer | null;
  article_id: Buffer | null;
  transfer_id: Buffer | null;
  refund_transfer_id: Buffer | null;
  failure_reason: PaymentFailureReason | null;
  succeeded_at: Date | null;
  refunded_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export const paymentMapper: RowMapper<Payment, PaymentRow> = {
  table: 'payments',
  columns: [
    'id',
    'payer_id',
    'purpose',
    'status',
    'amount',
    'currency',
    'provider',
    'provider_ref',
    'checkout_url',
    'account_id',
    'order_id',
    'article_id',
    'transfer_id',
    'refund_transfer_id',
    'failure_reason',
    'succeeded_at',
    'refunded_at',
    'created_at',
    'updated_at',
  ],
  toDomain: (r) =>
    Payment.restore({
      id: bufferToUuid(r.id),
      payerId: bufferToUuid(r.payer_id),
      purpose: r.purpose,
      status: r.status,
      amount: toSafeInteger(r.amount),
      currency: r.currency,
      provider: r.provider,
      providerRef: r.provider_ref,
      checkoutUrl: r.checkout_url,
      accountId: nullableBufferToUuid(r.account_id),
      orderId: nullableBufferToUuid(r.order_id),
      articleId: nullableBufferToUuid(r.article_id),
      transferId: nullableBufferToUuid(r.transfer_id),
      refundTransferId: nullableBufferToUuid(r.refund_transfer_id),
      failureReason: r.failure_reason,
      succeededAt: r.succeeded_at,
      refundedAt: r.refunded_at,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }),
  toRow: (payment) => {
    const p = payment.snapshot();
    return {
      id: uuidToBuffer(p.id),
      payer_id: uuidToBuffer(p.payerId),
      purpose: p.purpose,
      status: p.status,
      amount: p.amount,
      currency: p.currency,
      provider: p.provider,
      provider_ref: p.providerRef,
      checkout_url: p.checkoutUrl,
      account_id: nullableUuidToBuffer(p.accountId),
      order_id: nullableUuidToBuffer(p.orderId),
      article_id: nullableUuidToBuffer(p.articleId),
      transfer_id: nullableUuidToBuffer(p.transferId),
      refund_transfer_id: nullableUuidToBuffer(p.refundTransferId),
      failure_reason: p.failureReason,
      succeeded_at: p.succeededAt,
      refunded_at: p.refundedAt,
      created_at: p.createdAt,
      updated_at: p.updatedAt,
    };
  },
};

/** A provider event handled (`payment_events`). */
export interface PaymentEventRecord {
  provider: PaymentProviderName;
  eventId: string;
  type: string;
  receivedAt: Date;
}

export interface PaymentEventRow {
  provider: PaymentProviderName;
  event_id: string;
  type: string;
  received_at: Date;
}

export const paymentEventMapper: RowMapper<PaymentEventRecord, PaymentEventRow> = {
  table: 'payment_events',
  columns: ['provider', 'event_id', 'type', 'received_at'],
  toDomain: (r) => ({
    provider: r.provider,
    eventId: r.event_id,
    type: r.type,
    receivedAt: r.received_at,
  }),
  toRow: (e) => ({
    provider: e.provider,
    event_id: e.eventId,
    type: e.type,
    received_at: e.receivedAt,
  }),
};
