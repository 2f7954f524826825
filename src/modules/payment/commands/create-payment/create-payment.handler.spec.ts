import {
  FakeAuthorRewards,
  FakeClock,
  FakeOrderPayments,
  FakePaymentProvider,
  InMemoryAccountDirectory,
  InMemoryAccountRepository,
  InMemoryPaymentRepository,
  InMemoryUnitOfWork,
} from '@test/support/fakes';
import { CreateProviderPayment } from '@domain/payment/payment-provider.port';
import { RecipientHasNoAccountError } from '@domain/bank/bank.errors';
import { CannotRewardSelfError } from '@domain/interaction/interaction.errors';
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
  let rewards: FakeAuthorRewards;

  beforeEach(() => {
    orders = new FakeOrderPayments();
    rewards = new FakeAuthorRewards();
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
      rewards,
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

  it('a reward: the amount and currency asked, the article named, no account of the payer needed', async () => {
    rewards.add('article-1', 'author', { CNY: 'author-cny' });
    const payment = await handler.execute(
      new CreatePaymentCommand('payer', 'reward', undefined, 880, undefined, 'article-1', 'CNY'),
    );
    expect(calledInUnit).toEqual([false]);
    expect(provider.created).toEqual([
      { paymentId: payment.id, amount: 880, currency: 'CNY', description: expect.any(String) },
    ]);
    expect(payments.row(payment.id)).toMatchObject({
      purpose: 'reward',
      status: 'requires_action',
      amount: 880,
      currency: 'CNY',
      articleId: 'article-1',
      accountId: null,
      orderId: null,
    });
  });

  it('a reward of a missing article is 404, of your own 422, to an author without the account 422; nothing reaches the provider', async () => {
    rewards.add('own', 'payer', { USD: 'payer-usd' });
    rewards.add('other', 'author', { EUR: 'author-eur' });
    const reward = (articleId: string) =>
      handler.execute(
        new CreatePaymentCommand('payer', 'reward', undefined, 100, undefined, articleId, 'USD'),
      );
    await expect(reward('missing')).rejects.toThrow(NotFoundError);
    await expect(reward('own')).rejects.toThrow(CannotRewardSelfError);
    await expect(reward('other')).rejects.toThrow(RecipientHasNoAccountError);
    expect(provider.created).toEqual([]);
  });
});
