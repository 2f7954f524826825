import {
  FakeClock,
  FakePaymentProvider,
  InMemoryAccountDirectory,
  InMemoryAccountRepository,
  InMemoryPaymentRepository,
  InMemoryUnitOfWork,
} from '@test/support/fakes';
import { CreateProviderPayment } from '@domain/payment/payment-provider.port';
import { PaymentPurposeNotSupportedError } from '@domain/payment/payment.errors';
import { NotFoundError } from '@domain/shared/domain-error';
import { CreatePaymentCommand } from './create-payment.command';
import { CreatePaymentHandler } from './create-payment.handler';

describe('CreatePaymentHandler (in-memory ports)', () => {
  let accounts: InMemoryAccountRepository;
  let payments: InMemoryPaymentRepository;
  let provider: FakePaymentProvider;
  let uow: InMemoryUnitOfWork;
  let handler: CreatePaymentHandler;
  /** Whether each provider call happened inside a unit of work. */
  let calledInUnit: boolean[];

  beforeEach(() => {
    accounts = new InMemoryAccountRepository();
    payments = new InMemoryPaymentRepository();
    uow = new InMemoryUnitOfWork(accounts, payments);
    provider = new FakePaymentProvider();
    calledInUnit = [];
    const create = provider.createPayment.bind(provider);
    provider.createPayment = (request: CreateProviderPayment) => {
      calledInUnit.push(uow.active);
      return create(request);
    };
    handler = new CreatePaymentHandler(
      payments,
      provider,
      new InMemoryAccountDirectory(accounts),
      uow,
      new FakeClock('2030-05-01T09:00:00.000Z'),
    );
  });

  it("a top-up of the payer's account: in its currency, created at the provider first (outside any transaction), then stored", async () => {
    accounts.givenAccount('payer', 'USD');
    const eur = accounts.givenAccount('payer', 'EUR');
    const payment = await handler.execute(new CreatePaymentCommand('payer', 'top_up', eur, 1200));
    expect(calledInUnit).toEqual([false]);
    expect(provider.created).toEqual([
      { paymentId: payment.id, amount: 1200, currency: 'EUR', description: expect.any(String) },
    ]);
    expect(payments.row(payment.id)).toMatchObject({
      payerId: 'payer',
      purpose: 'top_up',
      status: 'requires_action',
      amount: 1200,
      currency: 'EUR',
      accountId: eur,
      providerRef: `ref_${payment.id}`,
      checkoutUrl: `https://provider.test/checkout/ref_${payment.id}`,
    });
  });

  it("someone else's account is 404, and the provider is never asked", async () => {
    const theirs = accounts.givenAccount('other', 'USD');
    accounts.givenAccount('payer', 'USD');
    await expect(
      handler.execute(new CreatePaymentCommand('payer', 'top_up', theirs, 100)),
    ).rejects.toThrow(NotFoundError);
    expect(provider.created).toEqual([]);
  });

  it('order and reward are not supported yet', async () => {
    for (const purpose of ['order', 'reward'] as const) {
      await expect(
        handler.execute(new CreatePaymentCommand('payer', purpose, undefined, 100)),
      ).rejects.toThrow(PaymentPurposeNotSupportedError);
    }
    expect(provider.created).toEqual([]);
  });
});
