import { Payment } from '@domain/payment/payment.aggregate';
import { uuidToBuffer } from '@infra/database/column-codecs';
import { sandboxChargeMapper } from '../sandbox/sandbox-charge.mapper';
import { paymentEventMapper, paymentMapper } from './payment.mapper';

const at = new Date('2026-01-02T03:04:05.678Z');
const later = new Date('2026-01-02T03:09:05.678Z');
const id = '0190f5e2-7c1a-7b3e-8a4d-1234567890ab';
const payerId = '0190f5e2-7c1a-7b3e-8a4d-1234567890ac';
const accountId = '0190f5e2-7c1a-7b3e-8a4d-1234567890ad';
const transferId = '0190f5e2-7c1a-7b3e-8a4d-1234567890ae';

function topUp(): Payment {
  return Payment.startTopUp({
    id,
    payerId,
    accountId,
    amount: 5000,
    currency: 'CNY',
    provider: 'sandbox',
    providerRef: 'sbx_0123',
    checkoutUrl: 'http://localhost:3000/sandbox/checkout/sbx_0123',
    now: at,
  });
}

describe('payment mappers', () => {
  it('round-trips a payment awaiting the payer, a succeeded one, a failed one and a refunded one', () => {
    const succeeded = topUp();
    succeeded.succeed(transferId, later);
    const failed = topUp();
    failed.fail('amount_mismatch', later);
    const refunded = topUp();
    refunded.requireRefund(later);
    refunded.refunded(new Date('2026-01-03T00:00:00.001Z'));
    for (const payment of [topUp(), succeeded, failed, refunded]) {
      const row = paymentMapper.toRow(payment);
      expect(row.id.equals(uuidToBuffer(id))).toBe(true);
      expect(row.order_id).toBeNull();
      expect(row.article_id).toBeNull();
      expect(paymentMapper.toDomain(row).snapshot()).toEqual(payment.snapshot());
    }
  });

  it('reads a BIGINT amount that mysql2 returns as a string', () => {
    const row = { ...paymentMapper.toRow(topUp()), amount: '1000000000000' };
    expect(paymentMapper.toDomain(row).amount).toBe(1_000_000_000_000);
  });

  it('round-trips a handled provider event and a sandbox charge', () => {
    const event = {
      provider: 'sandbox' as const,
      eventId: 'evt_1',
      type: 'payment.succeeded',
      receivedAt: at,
    };
    expect(paymentEventMapper.toDomain(paymentEventMapper.toRow(event))).toEqual(event);
    const charge = {
      providerRef: 'sbx_0123',
      paymentId: id,
      amount: 5000,
      currency: 'CNY',
      description: 'Atrium top-up',
      status: 'succeeded' as const,
      createdAt: at,
      settledAt: later,
      refundedAt: null,
    };
    expect(sandboxChargeMapper.toDomain(sandboxChargeMapper.toRow(charge))).toEqual(charge);
  });
});
