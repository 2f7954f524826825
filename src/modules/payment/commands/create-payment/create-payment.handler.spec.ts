import {
  FakeClock,
  FakeOrderPayments,
  FakePaymentProvider,
  InMemoryAccountDirectory,
  InMemoryAccountRepository,
  InMemoryPaymentRepository,
  InMemoryUnitOfWork,
} from '@test/support/fakes';
import { CreateProviderPayment } from '@domain/payment/payment-provider.port';
import { PaymentPurposeNotSupportedError } from '@domain/payment/payment.errors';
import { NotFoundError } from '@domain/shared/domain-error';
import { OrderNotPayableError } from '@domain/stay/stay.errors';
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
  let orders: FakeOrderPayments;

  beforeEach(() => {
    orders = new FakeOrderPayments();
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
      orders,
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

  it("an order: the payment takes the order's amount and currency, created at the provider outside any transaction", async () => {
    orders.add('order-1', 'payer', 36000, 'EUR');
    const payment = await handler.execute(
      new CreatePaymentCommand('payer', 'order', undefined, undefined, 'order-1'),
    );
    expect(calledInUnit).toEqual([false]);
    expect(provider.created).toEqual([
      { paymentId: payment.id, amount: 36000, currency: 'EUR', description: expect.any(String) },
    ]);
    expect(payments.row(payment.id)).toMatchObject({
      payerId: 'payer',
      purpose: 'order',
      status: 'requires_action',
      amount: 36000,
      currency: 'EUR',
      orderId: 'order-1',
      accountId: null,
    });
  });

  it("someone else's order is 404, an order no longer payable 409; nothing reaches the provider", async () => {
    orders.add('order-1', 'guest', 36000, 'EUR');
    orders.add('order-2', 'payer', 36000, 'EUR', false);
    await expect(
      handler.execute(new CreatePaymentCommand('payer', 'order', undefined, undefined, 'order-1')),
    ).rejects.toThrow(NotFoundError);
    await expect(
      handler.execute(new CreatePaymentCommand('payer', 'order', undefined, undefined, 'order-2')),
    ).rejects.toThrow(OrderNotPayableError);
    expect(provider.created).toEqual([]);
  });

  it('reward is not supported yet', async () => {
    await expect(
      handler.execute(new CreatePaymentCommand('payer', 'reward', undefined, 100)),
    ).rejects.toThrow(PaymentPurposeNotSupportedError);
    expect(provider.created).toEqual([]);
  });
});
