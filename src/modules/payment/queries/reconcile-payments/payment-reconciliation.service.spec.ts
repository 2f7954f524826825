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
        providerRef: 'ref_p1',
        paymentId: 'p1',
        amount: 1000,
        currency: 'USD',
        status: 'succeeded',
        settledAt: new Date(`${DAY}T09:59:00.000Z`),
      },
      {
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

  it('a bad date is a ValidationError (400), before any source is read', async () => {
    await expect(service.reconcile('2030-02-30')).rejects.toBeInstanceOf(ValidationError);
    expect(movements.asked).toEqual([]);
  });
});
