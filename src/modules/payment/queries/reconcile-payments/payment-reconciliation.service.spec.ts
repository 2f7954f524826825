import { FakePaymentProvider, InMemoryPaymentRepository } from '@test/support/fakes';
import { SystemAccountMovement } from '@domain/bank/system-account-movements.port';
import { SystemAccountRole } from '@domain/bank/system-account';
import { Payment } from '@domain/payment/payment.aggregate';
import { ValidationError } from '@domain/shared/domain-error';
import { PaymentReconciliationService } from './payment-reconciliation.service';

const DAY = '2030-05-01';

/** The clearing movements of a day, as the bank's read port returns them. */
class FakeMovements {
  readonly asked: Array<[SystemAccountRole, Date, Date]> = [];
  constructor(private readonly movements: SystemAccountMovement[]) {}
  async between(role: SystemAccountRole, from: Date, to: Date): Promise<SystemAccountMovement[]> {
    this.asked.push([role, from, to]);
    return this.movements;
  }
}

function paidTopUp(id: string, amount: number, at: string): Payment {
  const payment = Payment.startTopUp({
    id,
    payerId: 'payer',
    accountId: 'account',
    amount,
    currency: 'USD',
    provider: 'sandbox',
    providerRef: `ref_${id}`,
    checkoutUrl: `https://provider.test/checkout/ref_${id}`,
    now: new Date(at),
  });
  payment.succeed(`t_${id}`, new Date(at));
  return payment;
}

describe('PaymentReconciliationService (in-memory ports)', () => {
  let provider: FakePaymentProvider;
  let payments: InMemoryPaymentRepository;
  let movements: FakeMovements;
  let service: PaymentReconciliationService;

  beforeEach(async () => {
    provider = new FakePaymentProvider();
    payments = new InMemoryPaymentRepository();
    await payments.insert(paidTopUp('p1', 1000, `${DAY}T10:00:00.000Z`));
    // Succeeded the day before: not in this day's set.
    await payments.insert(paidTopUp('p0', 50, '2030-04-30T23:59:59.999Z'));
    movements = new FakeMovements([{ transferId: 't_p1', amount: 1000, currency: 'USD' }]);
    service = new PaymentReconciliationService(provider, payments, movements);
  });

  it('reads the three sources of the UTC day; only succeeded settlements count', async () => {
    provider.settlements = [
      {
        kind: 'charge',
        providerRef: 'ref_p1',
        paymentId: 'p1',
        amount: 1000,
        currency: 'USD',
        status: 'succeeded',
        settledAt: new Date(`${DAY}T09:59:00.000Z`),
      },
      {
        kind: 'charge',
        providerRef: 'ref_declined',
        paymentId: 'px',
        amount: 700,
        currency: 'USD',
        status: 'failed',
        settledAt: new Date(`${DAY}T11:00:00.000Z`),
      },
    ];
    const total = { count: 1, amount: { USD: 1000 } };
    expect(await service.reconcile(DAY)).toEqual({
      date: DAY,
      provider: total,
      payments: total,
      ledger: total,
      mismatches: [],
    });
    expect(movements.asked).toEqual([
      ['clearing', new Date(`${DAY}T00:00:00.000Z`), new Date('2030-05-02T00:00:00.000Z')],
    ]);
  });

  it('refunds: a payment paid the day before and stay-refunded this day, and a late success refunded this day, reconcile clean', async () => {
    // p0 succeeded the day before (its charge line stays there), given back this day.
    const p0 = (await payments.findById('p0'))!;
    p0.requireRefund(new Date(`${DAY}T08:00:00.000Z`), 't_refund_p0');
    p0.refunded(new Date(`${DAY}T08:00:05.000Z`));
    await payments.save(p0);
    // p2: the provider's success arrived when its target could take it no more; refunded.
    const p2 = Payment.startOrder({
      id: 'p2',
      payerId: 'payer',
      orderId: 'order',
      amount: 300,
      currency: 'USD',
      provider: 'sandbox',
      providerRef: 'ref_p2',
      checkoutUrl: 'https://provider.test/checkout/ref_p2',
      now: new Date(`${DAY}T11:00:00.000Z`),
    });
    p2.requireRefund(new Date(`${DAY}T11:00:01.000Z`));
    p2.refunded(new Date(`${DAY}T11:00:09.000Z`));
    await payments.insert(p2);
    const line = (kind: 'charge' | 'refund', ref: string, paymentId: string, amount: number) => ({
      kind,
      providerRef: ref,
      paymentId,
      amount,
      currency: 'USD',
      status: 'succeeded',
      settledAt: new Date(`${DAY}T12:00:00.000Z`),
    });
    provider.settlements = [
      line('charge', 'ref_p1', 'p1', 1000),
      line('refund', 'ref_p0', 'p0', 50),
      line('charge', 'ref_p2', 'p2', 300),
      line('refund', 'ref_p2', 'p2', 300),
      // A refund the provider reports as not done moves nothing and is left out.
      { ...line('refund', 'ref_p1', 'p1', 1000), status: 'failed' },
    ];
    movements = new FakeMovements([
      { transferId: 't_p1', amount: 1000, currency: 'USD' },
      { transferId: 't_refund_p0', amount: -50, currency: 'USD' },
    ]);
    service = new PaymentReconciliationService(provider, payments, movements);
    const r = await service.reconcile(DAY);
    expect(r.mismatches).toEqual([]);
    // Lines: p1 +1000, p2 +300 (charges), p0 −50, p2 −300 (refunds); p2 never reached the ledger.
    expect(r.provider).toEqual({ count: 4, amount: { USD: 950 } });
    expect(r.payments).toEqual({ count: 4, amount: { USD: 950 } });
    expect(r.ledger).toEqual({ count: 2, amount: { USD: 950 } });
    // The day before still has p0's charge line, refunded since.
    provider.settlements = [
      {
        ...line('charge', 'ref_p0', 'p0', 50),
        settledAt: new Date('2030-04-30T23:59:59.000Z'),
      },
    ];
    movements = new FakeMovements([{ transferId: 't_p0', amount: 50, currency: 'USD' }]);
    service = new PaymentReconciliationService(provider, payments, movements);
    const before = await service.reconcile('2030-04-30');
    expect(before.mismatches).toEqual([]);
    expect(before.payments).toEqual({ count: 1, amount: { USD: 50 } });
  });

  it('a bad date is a ValidationError (400), before any source is read', async () => {
    await expect(service.reconcile('2030-02-30')).rejects.toBeInstanceOf(ValidationError);
    expect(movements.asked).toEqual([]);
  });
});
