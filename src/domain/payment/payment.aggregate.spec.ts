import { Payment, PaymentStatus } from './payment.aggregate';
import { PaymentTransitionError } from './payment.errors';

const T0 = new Date('2026-12-01T10:00:00.000Z');
const T1 = new Date('2026-12-01T10:05:00.000Z');

function topUp(): Payment {
  return Payment.startTopUp({
    id: '01900000-0000-7000-8000-000000000001',
    payerId: '01900000-0000-7000-8000-000000000002',
    accountId: '01900000-0000-7000-8000-000000000003',
    amount: 5000,
    currency: 'USD',
    provider: 'sandbox',
    providerRef: 'sbx_ref',
    checkoutUrl: 'http://localhost/sandbox/checkout/sbx_ref',
    now: T0,
  });
}

/** A payment brought to `status` through the transitions that lead there. */
function inStatus(status: PaymentStatus): Payment {
  const p = topUp();
  if (status === 'succeeded') p.succeed('transfer-1', T0);
  if (status === 'failed') p.fail('declined', T0);
  if (status === 'refund_pending') p.requireRefund(T0);
  if (status === 'refunded') {
    p.requireRefund(T0);
    p.refunded(T0);
  }
  return p;
}

describe('Payment', () => {
  it('a top-up starts awaiting the payer, with no order, article, transfer or failure', () => {
    const p = topUp();
    expect(p.snapshot()).toEqual({
      id: '01900000-0000-7000-8000-000000000001',
      payerId: '01900000-0000-7000-8000-000000000002',
      purpose: 'top_up',
      status: 'requires_action',
      amount: 5000,
      currency: 'USD',
      provider: 'sandbox',
      providerRef: 'sbx_ref',
      checkoutUrl: 'http://localhost/sandbox/checkout/sbx_ref',
      accountId: '01900000-0000-7000-8000-000000000003',
      orderId: null,
      articleId: null,
      transferId: null,
      refundTransferId: null,
      failureReason: null,
      succeededAt: null,
      refundedAt: null,
      createdAt: T0,
      updatedAt: T0,
    });
    expect(p.awaitsProvider).toBe(true);
  });

  it('succeeds once with its transfer; it then no longer awaits the provider', () => {
    const p = topUp();
    p.succeed('transfer-1', T1);
    expect(p.snapshot()).toMatchObject({
      status: 'succeeded',
      transferId: 'transfer-1',
      failureReason: null,
      succeededAt: T1,
      refundedAt: null,
      updatedAt: T1,
    });
    expect(p.awaitsProvider).toBe(false);
    expect(p.movedMoney).toBe(true);
  });

  it('fails with its reason (declined, amount_mismatch), moving no money', () => {
    for (const reason of ['declined', 'amount_mismatch'] as const) {
      const p = topUp();
      p.fail(reason, T1);
      expect(p.snapshot()).toMatchObject({
        status: 'failed',
        failureReason: reason,
        transferId: null,
        succeededAt: null,
        updatedAt: T1,
      });
      expect(p.awaitsProvider).toBe(false);
    }
  });

  it('a refund is pending from requires_action (no money moved: no refund transfer), then refunded', () => {
    const T2 = new Date('2026-12-02T08:00:00.000Z');
    const p = inStatus('requires_action');
    p.requireRefund(T1);
    // The provider's success arrived at T1 (a late success): the charge's time, though unapplied.
    expect(p.snapshot()).toMatchObject({
      status: 'refund_pending',
      refundTransferId: null,
      succeededAt: T1,
      refundedAt: null,
    });
    expect(p.movedMoney).toBe(false);
    p.refunded(T2);
    expect(p.snapshot()).toMatchObject({
      status: 'refunded',
      transferId: null,
      refundTransferId: null,
      succeededAt: T1,
      refundedAt: T2,
      updatedAt: T2,
    });
    expect(p.movedMoney).toBe(false);
  });

  it('a succeeded payment given back (a stay refund) keeps its refund transfer and its success time through refunded', () => {
    const T2 = new Date('2026-12-02T08:00:00.000Z');
    const p = inStatus('succeeded');
    p.requireRefund(T1, 'refund-transfer');
    expect(p.snapshot()).toMatchObject({
      status: 'refund_pending',
      transferId: 'transfer-1',
      refundTransferId: 'refund-transfer',
      succeededAt: T0,
      refundedAt: null,
    });
    p.refunded(T2);
    expect(p.snapshot()).toMatchObject({
      status: 'refunded',
      refundTransferId: 'refund-transfer',
      succeededAt: T0,
      refundedAt: T2,
    });
    expect(p.movedMoney).toBe(true);
  });

  it('a succeeded payment cannot become refund_pending without the transfer that gave the money back', () => {
    const p = inStatus('succeeded');
    expect(() => p.requireRefund(T1)).toThrow(PaymentTransitionError);
    expect(p.status).toBe('succeeded');
  });

  it('an order payment starts awaiting the payer, with the order and no account', () => {
    const p = Payment.startOrder({
      id: 'p1',
      payerId: 'guest',
      orderId: 'order-1',
      amount: 24000,
      currency: 'EUR',
      provider: 'sandbox',
      providerRef: 'sbx_o',
      checkoutUrl: 'http://x/sandbox/checkout/sbx_o',
      now: T0,
    });
    expect(p.snapshot()).toMatchObject({
      purpose: 'order',
      status: 'requires_action',
      orderId: 'order-1',
      accountId: null,
      articleId: null,
      amount: 24000,
      currency: 'EUR',
    });
  });

  it.each<[PaymentStatus, (p: Payment) => void, string]>([
    ['succeeded', (p) => p.succeed('t2', T1), 'succeeded'],
    ['succeeded', (p) => p.fail('declined', T1), 'failed'],
    ['failed', (p) => p.succeed('t2', T1), 'succeeded'],
    ['failed', (p) => p.fail('declined', T1), 'failed'],
    ['failed', (p) => p.requireRefund(T1), 'refund_pending'],
    ['refund_pending', (p) => p.succeed('t2', T1), 'succeeded'],
    ['refund_pending', (p) => p.fail('declined', T1), 'failed'],
    ['refunded', (p) => p.requireRefund(T1), 'refund_pending'],
    ['refunded', (p) => p.refunded(T1), 'refunded'],
    ['requires_action', (p) => p.refunded(T1), 'refunded'],
    ['succeeded', (p) => p.refunded(T1), 'refunded'],
  ])('refuses %s → %s and changes nothing', (from, change, to) => {
    const p = inStatus(from);
    const before = p.snapshot();
    expect(() => change(p)).toThrow(PaymentTransitionError);
    expect(() => change(p)).toThrow(`A ${from} payment cannot become ${to}`);
    expect(p.snapshot()).toEqual(before);
  });

  it('matches only its own amount and currency', () => {
    const p = topUp();
    expect(p.matches(5000, 'USD')).toBe(true);
    expect(p.matches(4999, 'USD')).toBe(false);
    expect(p.matches(5000, 'EUR')).toBe(false);
  });

  it('is visible to its payer and to admins only', () => {
    const p = topUp();
    expect(p.isVisibleTo('01900000-0000-7000-8000-000000000002', false)).toBe(true);
    expect(p.isVisibleTo('someone-else', false)).toBe(false);
    expect(p.isVisibleTo('someone-else', true)).toBe(true);
  });
});
