import {
  FakeClock,
  FakePaymentProvider,
  InMemoryOutbox,
  InMemoryPaymentRepository,
} from '@test/support/fakes';
import {
  PAYMENT_REFUND_REQUESTED,
  paymentRefundRequested,
} from '@domain/payment/events/payment-refund-requested.event';
import { Payment } from '@domain/payment/payment.aggregate';
import { DomainEvent } from '@domain/shared/domain-event';
import { ORDER_REFUNDED } from '@domain/stay/events/order-settled.events';
import { RefundProviderPaidOrderSubscriber } from './refund-provider-paid-order.subscriber';
import { RequestProviderRefundSubscriber } from './request-provider-refund.subscriber';

const T0 = new Date('2030-05-01T09:00:00.000Z');

function orderPayment(id: string, orderId: string): Payment {
  return Payment.startOrder({
    id,
    payerId: 'guest',
    orderId,
    amount: 36000,
    currency: 'USD',
    provider: 'sandbox',
    providerRef: `ref_${id}`,
    checkoutUrl: `https://provider.test/checkout/ref_${id}`,
    now: T0,
  });
}

function orderRefunded(orderId: string, refundTransferId: string): DomainEvent {
  return {
    id: `evt-${orderId}`,
    type: ORDER_REFUNDED,
    aggregateId: orderId,
    occurredAt: T0,
    payload: { orderId, refundTransferId },
  };
}

describe('payment refund subscribers (in-memory ports)', () => {
  let payments: InMemoryPaymentRepository;
  let outbox: InMemoryOutbox;
  let clock: FakeClock;
  let onOrderRefunded: RefundProviderPaidOrderSubscriber;

  beforeEach(() => {
    payments = new InMemoryPaymentRepository();
    outbox = new InMemoryOutbox();
    clock = new FakeClock('2030-05-02T09:00:00.000Z');
    onOrderRefunded = new RefundProviderPaidOrderSubscriber(payments, outbox, clock);
  });

  it("a stay refund of a provider-paid order: its succeeded payment becomes refund_pending with the stay's refund transfer, and a provider refund is requested", async () => {
    const failed = orderPayment('p-failed', 'order-1');
    failed.fail('declined', T0);
    const paid = orderPayment('p-paid', 'order-1');
    paid.succeed('t-pay', T0);
    await payments.insert(failed);
    await payments.insert(paid);

    await onOrderRefunded.handle(orderRefunded('order-1', 't-refund'));

    expect(payments.row('p-paid')).toMatchObject({
      status: 'refund_pending',
      transferId: 't-pay',
      refundTransferId: 't-refund',
      updatedAt: clock.now(),
    });
    expect(payments.row('p-failed')?.status).toBe('failed');
    expect(outbox.ofType(PAYMENT_REFUND_REQUESTED)).toEqual([
      expect.objectContaining({
        aggregateId: 'p-paid',
        payload: expect.objectContaining({ paymentId: 'p-paid', providerRef: 'ref_p-paid' }),
      }),
    ]);
  });

  it('an order paid from a balance has no provider payment: nothing happens', async () => {
    await onOrderRefunded.handle(orderRefunded('order-2', 't-refund'));
    expect(outbox.ofType(PAYMENT_REFUND_REQUESTED)).toEqual([]);
  });

  it('the refund request goes to the provider; a provider error throws (the job retries), then it goes through', async () => {
    const provider = new FakePaymentProvider();
    const subscriber = new RequestProviderRefundSubscriber(provider);
    const payment = orderPayment('p1', 'order-1');
    payment.requireRefund(T0);
    const event = paymentRefundRequested('evt-r1', payment, T0);

    provider.refundsDown = true;
    await expect(subscriber.handle(event)).rejects.toThrow('provider down');
    expect(provider.refunds).toEqual([]);

    provider.refundsDown = false;
    await subscriber.handle(event);
    expect(provider.refunds).toEqual([
      { paymentId: 'p1', providerRef: 'ref_p1', amount: 36000, currency: 'USD' },
    ]);
  });
});
