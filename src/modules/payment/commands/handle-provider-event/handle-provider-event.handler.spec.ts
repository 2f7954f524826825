import {
  FakeAuthorRewards,
  FakeClock,
  FakeOrderPayments,
  FakePaymentProvider,
  inMemoryLedger,
  InMemoryAccountDirectory,
  InMemoryAccountRepository,
  InMemoryOutbox,
  InMemoryPaymentRepository,
  InMemoryUnitOfWork,
} from '@test/support/fakes';
import { PAYMENT_REFUND_REQUESTED } from '@domain/payment/events/payment-refund-requested.event';
import { Payment } from '@domain/payment/payment.aggregate';
import { SignatureInvalidError } from '@domain/payment/payment.errors';
import { NotFoundError } from '@domain/shared/domain-error';
import { newId } from '@domain/shared/uuid';
import { HandleProviderEventCommand } from './handle-provider-event.command';
import { Metrics } from '@infra/observability/metrics';
import { HandleProviderEventHandler } from './handle-provider-event.handler';

const PAYER = 'payer';

describe('HandleProviderEventHandler (in-memory ports, the real ledger)', () => {
  let accounts: InMemoryAccountRepository;
  let payments: InMemoryPaymentRepository;
  let uow: InMemoryUnitOfWork;
  let handler: HandleProviderEventHandler;
  let accountId: string;
  let clearing: string;
  let payment: Payment;
  let orders: FakeOrderPayments;
  let rewards: FakeAuthorRewards;
  let outbox: InMemoryOutbox;
  let clock: FakeClock;
  let metrics: Metrics;

  beforeEach(() => {
    accounts = new InMemoryAccountRepository();
    payments = new InMemoryPaymentRepository();
    orders = new FakeOrderPayments();
    rewards = new FakeAuthorRewards();
    outbox = new InMemoryOutbox();
    uow = new InMemoryUnitOfWork(accounts, payments, outbox);
    clock = new FakeClock('2030-05-01T09:00:00.000Z');
    const directory = new InMemoryAccountDirectory(accounts);
    handler = new HandleProviderEventHandler(
      new FakePaymentProvider(),
      payments,
      directory,
      inMemoryLedger(accounts, outbox, uow, clock),
      uow,
      clock,
      orders,
      outbox,
      rewards,
      (metrics = new Metrics()),
    );
    accountId = accounts.givenAccount(PAYER, 'USD');
    clearing = accounts.systemAccountId('clearing', 'USD');
    const id = newId();
    payment = Payment.startTopUp({
      id,
      payerId: PAYER,
      accountId,
      amount: 2500,
      currency: 'USD',
      provider: 'sandbox',
      providerRef: `ref_${id}`,
      checkoutUrl: `https://provider.test/checkout/ref_${id}`,
      now: clock.now(),
    });
    void payments.insert(payment);
  });

  function notify(
    eventId: string,
    type = 'payment.succeeded',
    amount = 2500,
    currency = 'USD',
    providerRef = payment.providerRef,
  ) {
    const { rawBody, headers } = FakePaymentProvider.event(
      eventId,
      type,
      providerRef,
      amount,
      currency,
    );
    return handler.execute(new HandleProviderEventCommand('sandbox', rawBody, headers));
  }

  it('payment.succeeded moves the amount clearing → the account (top_up) with the payment becoming succeeded', async () => {
    expect(await notify('evt_1')).toBe('applied');
    const [transfer] = accounts.transfers().filter((t) => t.kind === 'top_up');
    expect(transfer).toMatchObject({
      fromAccountId: clearing,
      toAccountId: accountId,
      amount: 2500,
      currency: 'USD',
      note: `payment ${payment.id}`,
    });
    expect(payments.row(payment.id)).toMatchObject({
      status: 'succeeded',
      transferId: transfer.id,
    });
    expect(accounts.balanceOf(accountId)).toBe(2500);
    expect(accounts.balanceOf(clearing)).toBe(-2500);
    expect(accounts.ledgerProblems()).toEqual([]);
  });

  it('the same event again is a duplicate: no second movement', async () => {
    await notify('evt_1');
    expect(await notify('evt_1')).toBe('duplicate');
    expect(accounts.transfers().filter((t) => t.kind === 'top_up')).toHaveLength(1);
    expect(accounts.balanceOf(accountId)).toBe(2500);
  });

  it('a deadlock replays the whole unit: the money still moves once', async () => {
    uow.deadlockNext(1);
    expect(await notify('evt_1')).toBe('applied');
    expect(accounts.transfers().filter((t) => t.kind === 'top_up')).toHaveLength(1);
    expect(accounts.ledgerProblems()).toEqual([]);
  });

  it('events for a decided payment are stale: a failure after success, a success after failure', async () => {
    await notify('evt_1');
    expect(await notify('evt_2', 'payment.failed')).toBe('stale');
    expect(await notify('evt_3')).toBe('stale');
    expect(payments.row(payment.id)?.status).toBe('succeeded');
    expect(accounts.balanceOf(accountId)).toBe(2500);
  });

  it('payment.failed fails it (declined); a later success moves nothing', async () => {
    expect(await notify('evt_1', 'payment.failed')).toBe('applied');
    expect(await notify('evt_2')).toBe('stale');
    expect(payments.row(payment.id)).toMatchObject({ status: 'failed', failureReason: 'declined' });
    expect(accounts.balanceOf(accountId)).toBe(0);
  });

  it('another amount or currency fails it with amount_mismatch and moves nothing', async () => {
    expect(await notify('evt_1', 'payment.succeeded', 2499)).toBe('applied');
    expect(payments.row(payment.id)).toMatchObject({
      status: 'failed',
      failureReason: 'amount_mismatch',
      transferId: null,
    });
    expect(accounts.transfers().filter((t) => t.kind === 'top_up')).toEqual([]);
  });

  it("an unknown providerRef or event type changes nothing; an unknown payment's event is not recorded, so its redelivery applies once the payment exists", async () => {
    expect(await notify('evt_1', 'payment.succeeded', 2500, 'USD', 'ref_unknown')).toBe(
      'unknown_payment',
    );
    expect(payments.handled('sandbox', 'evt_1')).toBe(false);
    expect(await notify('evt_2', 'charge.disputed')).toBe('ignored_type');
    expect(payments.handled('sandbox', 'evt_2')).toBe(true);
    expect(payments.row(payment.id)?.status).toBe('requires_action');
    // The provider notified before the payment's row was committed, then redelivers.
    const id = newId();
    const early = Payment.startTopUp({
      id,
      payerId: PAYER,
      accountId,
      amount: 2500,
      currency: 'USD',
      provider: 'sandbox',
      providerRef: `ref_${id}`,
      checkoutUrl: `https://provider.test/checkout/ref_${id}`,
      now: clock.now(),
    });
    const notifyEarly = () => notify('evt_3', 'payment.succeeded', 2500, 'USD', early.providerRef);
    expect(await notifyEarly()).toBe('unknown_payment');
    await payments.insert(early);
    expect(await notifyEarly()).toBe('applied');
    expect(payments.row(early.id)?.status).toBe('succeeded');
    expect(await notifyEarly()).toBe('duplicate');
    expect(accounts.transfers().filter((t) => t.kind === 'top_up')).toHaveLength(1);
  });

  it('counts the events not applied by reason (provider and reason only: no ids in labels)', async () => {
    const counted = async () =>
      (await metrics.paymentEventsNotApplied.get()).values.map((v) => [v.labels, v.value]);
    // Both series exist before any event.
    expect(await counted()).toEqual([
      [{ provider: 'sandbox', reason: 'unknown_payment' }, 0],
      [{ provider: 'sandbox', reason: 'ignored_type' }, 0],
    ]);
    await notify('evt_u1', 'payment.succeeded', 2500, 'USD', 'ref_unknown_1');
    await notify('evt_u2', 'refund.succeeded', 2500, 'USD', 'ref_unknown_2');
    await notify('evt_i1', 'charge.disputed');
    // Neither a redelivery of the ignored type (duplicate) nor applied, stale events count.
    await notify('evt_i1', 'charge.disputed');
    await notify('evt_ok');
    await notify('evt_stale', 'payment.failed');
    expect(await counted()).toEqual([
      [{ provider: 'sandbox', reason: 'unknown_payment' }, 2],
      [{ provider: 'sandbox', reason: 'ignored_type' }, 1],
    ]);
    metrics.onModuleDestroy();
  });

  it('an invalid signature throws before anything is recorded; another provider is 404', async () => {
    const { rawBody } = FakePaymentProvider.event(
      'evt_1',
      'payment.succeeded',
      payment.providerRef,
      2500,
      'USD',
    );
    await expect(
      handler.execute(new HandleProviderEventCommand('sandbox', rawBody, {})),
    ).rejects.toThrow(SignatureInvalidError);
    await expect(
      handler.execute(
        new HandleProviderEventCommand('stripe', rawBody, { 'x-test-signature': 'valid' }),
      ),
    ).rejects.toThrow(NotFoundError);
    expect(payments.handled('sandbox', 'evt_1')).toBe(false);
    expect(payments.row(payment.id)?.status).toBe('requires_action');
    expect(uow.commits).toBe(0);
  });

  describe('an order payment', () => {
    let orderPayment: Payment;

    beforeEach(async () => {
      orders.add('order-1', PAYER, 36000, 'USD');
      const id = newId();
      orderPayment = Payment.startOrder({
        id,
        payerId: PAYER,
        orderId: 'order-1',
        amount: 36000,
        currency: 'USD',
        provider: 'sandbox',
        providerRef: `ref_${id}`,
        checkoutUrl: `https://provider.test/checkout/ref_${id}`,
        now: clock.now(),
      });
      await payments.insert(orderPayment);
    });

    const notifyOrder = (eventId: string, type = 'payment.succeeded', amount = 36000) =>
      notify(eventId, type, amount, 'USD', orderPayment.providerRef);

    it('payment.succeeded pays the order from clearing through the stay port: succeeded with its transfer', async () => {
      expect(await notifyOrder('evt_o1')).toBe('applied');
      expect(orders.paid).toEqual([{ orderId: 'order-1', fromAccountId: clearing }]);
      expect(payments.row(orderPayment.id)).toMatchObject({
        status: 'succeeded',
        transferId: 'transfer-order-order-1',
        refundTransferId: null,
      });
      expect(outbox.ofType(PAYMENT_REFUND_REQUESTED)).toEqual([]);
    });

    it('an order that can no longer be paid: refund_pending, nothing paid, a provider refund requested', async () => {
      orders.orders.get('order-1')!.payable = false;
      expect(await notifyOrder('evt_o1')).toBe('applied');
      expect(orders.paid).toEqual([]);
      expect(payments.row(orderPayment.id)).toMatchObject({
        status: 'refund_pending',
        transferId: null,
        refundTransferId: null,
      });
      expect(accounts.transfers()).toEqual([]);
      const [requested] = outbox.ofType(PAYMENT_REFUND_REQUESTED);
      expect(requested).toMatchObject({
        aggregateId: orderPayment.id,
        payload: {
          paymentId: orderPayment.id,
          providerRef: orderPayment.providerRef,
          amount: 36000,
          currency: 'USD',
        },
      });
      // refund.succeeded then ends it; a second one is stale.
      expect(await notifyOrder('evt_o2', 'refund.succeeded')).toBe('applied');
      expect(payments.row(orderPayment.id)?.status).toBe('refunded');
      expect(await notifyOrder('evt_o3', 'refund.succeeded')).toBe('stale');
    });

    it('another amount fails it (amount_mismatch) without asking the order', async () => {
      expect(await notifyOrder('evt_o1', 'payment.succeeded', 100)).toBe('applied');
      expect(orders.paid).toEqual([]);
      expect(payments.row(orderPayment.id)).toMatchObject({
        status: 'failed',
        failureReason: 'amount_mismatch',
      });
    });

    it('refund.succeeded for a payment not awaiting a refund is stale', async () => {
      expect(await notifyOrder('evt_o1', 'refund.succeeded')).toBe('stale');
      expect(payments.row(orderPayment.id)?.status).toBe('requires_action');
    });
  });

  describe('a reward payment', () => {
    let rewardPayment: Payment;

    beforeEach(async () => {
      rewards.add('article-1', 'author', { USD: 'author-usd' });
      const id = newId();
      rewardPayment = Payment.startReward({
        id,
        payerId: PAYER,
        articleId: 'article-1',
        amount: 700,
        currency: 'USD',
        provider: 'sandbox',
        providerRef: `ref_${id}`,
        checkoutUrl: `https://provider.test/checkout/ref_${id}`,
        now: clock.now(),
      });
      await payments.insert(rewardPayment);
    });

    const notifyReward = (eventId: string, type = 'payment.succeeded') =>
      notify(eventId, type, 700, 'USD', rewardPayment.providerRef);

    it('payment.succeeded rewards the author from clearing: succeeded with its transfer', async () => {
      expect(await notifyReward('evt_r1')).toBe('applied');
      expect(rewards.rewarded).toEqual([
        { articleId: 'article-1', fromAccountId: clearing, toAccountId: 'author-usd', amount: 700 },
      ]);
      expect(payments.row(rewardPayment.id)).toMatchObject({
        status: 'succeeded',
        transferId: 'transfer-reward-1',
      });
    });

    it('an article withdrawn meanwhile: refund_pending, nothing moved, a provider refund requested', async () => {
      rewards.articles.delete('article-1');
      expect(await notifyReward('evt_r1')).toBe('applied');
      expect(rewards.rewarded).toEqual([]);
      expect(payments.row(rewardPayment.id)).toMatchObject({
        status: 'refund_pending',
        transferId: null,
      });
      expect(outbox.ofType(PAYMENT_REFUND_REQUESTED)).toHaveLength(1);
      expect(await notifyReward('evt_r2', 'refund.succeeded')).toBe('applied');
      expect(payments.row(rewardPayment.id)?.status).toBe('refunded');
    });
  });
});
