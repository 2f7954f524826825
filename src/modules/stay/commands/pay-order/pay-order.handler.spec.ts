import {
  FakeClock,
  inMemoryLedger,
  InMemoryAccountDirectory,
  InMemoryAccountRepository,
  InMemoryCheckInCredentialRepository,
  InMemoryOrderRepository,
  InMemoryOutbox,
  InMemoryUnitOfWork,
} from '@test/support/fakes';
import { CurrencyMismatchError, InsufficientFundsError } from '@domain/bank/bank.errors';
import { Currency } from '@domain/bank/money.value-object';
import { NotFoundError } from '@domain/shared/domain-error';
import { newId } from '@domain/shared/uuid';
import { ORDER_CHECK_OUT_DUE } from '@domain/stay/events/order-check-out-due.event';
import { ORDER_PAID } from '@domain/stay/events/order-paid.event';
import { Homestay } from '@domain/stay/homestay.aggregate';
import { Order } from '@domain/stay/order.aggregate';
import { StayDates } from '@domain/stay/stay-dates.value-object';
import { OrderNotPayableError } from '@domain/stay/stay.errors';
import { AppConfig } from '@infra/config/app-config';
import { HmacCheckInCodes } from '@infra/security/hmac-check-in-codes';
import { Escrow } from '../../escrow';
import { PayOrderCommand } from './pay-order.command';
import { PayOrderHandler } from './pay-order.handler';

const GUEST = 'guest';
const HOST = 'host';
const TIMEOUT_SECONDS = 900;
const PRICE = 120;

describe('PayOrderHandler (in-memory ports, the real ledger)', () => {
  let accounts: InMemoryAccountRepository;
  let orders: InMemoryOrderRepository;
  let credentials: InMemoryCheckInCredentialRepository;
  const codes = new HmacCheckInCodes('unit-test-secret');
  let outbox: InMemoryOutbox;
  let uow: InMemoryUnitOfWork;
  let clock: FakeClock;
  let handler: PayOrderHandler;
  let guestUsd: string;
  let hostUsd: string;
  let escrowUsd: string;

  beforeEach(() => {
    accounts = new InMemoryAccountRepository();
    orders = new InMemoryOrderRepository();
    credentials = new InMemoryCheckInCredentialRepository();
    outbox = new InMemoryOutbox();
    uow = new InMemoryUnitOfWork(accounts, orders, credentials, outbox);
    clock = new FakeClock('2030-05-01T09:00:00.000Z');
    const ledger = inMemoryLedger(accounts, outbox, uow, clock);
    const directory = new InMemoryAccountDirectory(accounts);
    const config = { env: { PLATFORM_FEE_BPS: 0 } } as AppConfig;
    handler = new PayOrderHandler(
      orders,
      directory,
      credentials,
      codes,
      new Escrow(directory, ledger, config),
      outbox,
      uow,
      clock,
    );
    guestUsd = accounts.givenAccount(GUEST, 'USD', 1_000);
    hostUsd = accounts.givenAccount(HOST, 'USD', 0);
    escrowUsd = accounts.systemAccountId('escrow', 'USD');
  });

  /** A pending order of 3 nights, placed now (payable for TIMEOUT_SECONDS). */
  function placeOrder(currency: Currency = 'USD', guestId = GUEST): Order {
    const now = clock.now();
    const homestay = Homestay.create(
      newId(),
      HOST,
      {
        title: 'Cabin',
        description: 'By the lake',
        city: 'Oslo',
        pricePerNight: PRICE,
        currency,
        maxGuests: 2,
      },
      now,
    );
    return orders.given(
      Order.place({
        id: newId(),
        homestay,
        guestId,
        dates: StayDates.request('2030-06-01', '2030-06-04', now),
        guests: 2,
        now,
        paymentTimeoutSeconds: TIMEOUT_SECONDS,
        pendingOrdersOfGuest: 0,
        maxPendingOrders: 5,
      }),
    );
  }

  const pay = async (actor: string, orderId: string, accountId: string) =>
    handler.execute(new PayOrderCommand(actor, orderId, accountId));

  /** What a refused payment must leave as it was. */
  const state = (orderId: string) => ({
    guest: accounts.balanceOf(guestUsd),
    host: accounts.balanceOf(hostUsd),
    escrow: accounts.balanceOf(escrowUsd),
    transfers: accounts.transfers().length,
    events: outbox.events.length,
    status: orders.row(orderId)!.status,
  });

  it('moves the amount guest → escrow once (a payment transfer; the host is paid only at check-in), marks the order paid, stores only the hash of its check-in code, and appends OrderPaid and the no-show job', async () => {
    const order = placeOrder();
    const paid = await pay(GUEST, order.id, guestUsd);

    const row = orders.row(order.id)!;
    expect(row).toMatchObject({ status: 'paid', paidAt: clock.now(), paidFromAccountId: guestUsd });
    const code = codes.codeFor(order.id, row.transferId!);
    expect(code).toMatch(/^\d{6}$/);
    const credential = credentials.row(order.id)!;
    expect(credential).toMatchObject({ wrongCodes: 0, lockouts: 0, lockedUntil: null });
    expect(credential.codeHash).not.toContain(code);
    expect(codes.matches(order.id, code, credential.codeHash)).toBe(true);
    expect(paid.snapshot()).toEqual(row);
    expect(accounts.balanceOf(guestUsd)).toBe(1_000 - 3 * PRICE);
    expect(accounts.balanceOf(escrowUsd)).toBe(3 * PRICE);
    expect(accounts.balanceOf(hostUsd)).toBe(0);
    const payments = accounts.transfers().filter((t) => t.kind === 'payment');
    expect(payments).toEqual([
      expect.objectContaining({
        id: row.transferId,
        fromAccountId: guestUsd,
        toAccountId: escrowUsd,
        amount: 3 * PRICE,
        currency: 'USD',
        note: `order ${order.id}`,
      }),
    ]);
    expect(outbox.ofType(ORDER_PAID)).toEqual([
      expect.objectContaining({
        aggregateId: order.id,
        payload: expect.objectContaining({ orderId: order.id, transferId: row.transferId }),
      }),
    ]);
    // The check-in code is in no stored row and no event.
    expect(JSON.stringify(outbox.events)).not.toContain(code);
    expect(JSON.stringify(row)).not.toContain(code);
    expect(outbox.ofType(ORDER_CHECK_OUT_DUE)).toEqual([
      expect.objectContaining({
        aggregateId: order.id,
        deliverAt: new Date('2030-06-04T00:00:00.000Z'),
      }),
    ]);
    expect(uow.commits).toBe(1);
    expect(accounts.ledgerProblems()).toEqual([]);
  });

  it('paying twice (a retry, or two requests in parallel): money moves once, the second is ORDER_NOT_PAYABLE', async () => {
    const order = placeOrder();
    const results = await Promise.allSettled([
      pay(GUEST, order.id, guestUsd),
      pay(GUEST, order.id, guestUsd),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(OrderNotPayableError);
    await expect(pay(GUEST, order.id, guestUsd)).rejects.toBeInstanceOf(OrderNotPayableError);
    expect(accounts.transfers().filter((t) => t.kind === 'payment')).toHaveLength(1);
    expect(accounts.balanceOf(escrowUsd)).toBe(3 * PRICE);
    expect(outbox.ofType(ORDER_PAID)).toHaveLength(1);
  });

  it('a unit retried after a deadlock pays once (the money and the order change commit together)', async () => {
    const order = placeOrder();
    uow.deadlockNext(1);
    await pay(GUEST, order.id, guestUsd);
    expect(uow.rollbacks).toBe(1);
    expect(accounts.transfers().filter((t) => t.kind === 'payment')).toHaveLength(1);
    expect(orders.row(order.id)!.transferId).toBe(
      accounts.transfers().find((t) => t.kind === 'payment')!.id,
    );
    expect(outbox.ofType(ORDER_PAID)).toHaveLength(1);
    expect(accounts.ledgerProblems()).toEqual([]);
  });

  it('past payBefore: ORDER_NOT_PAYABLE, no money moves (even though the sweeper has not cancelled it yet)', async () => {
    const order = placeOrder();
    const before = state(order.id);
    clock.advance(TIMEOUT_SECONDS * 1000);
    await expect(pay(GUEST, order.id, guestUsd)).rejects.toBeInstanceOf(OrderNotPayableError);
    expect(state(order.id)).toEqual(before);
    expect(orders.row(order.id)!.status).toBe('pending_payment');
  });

  it('one millisecond before payBefore it is still payable', async () => {
    const order = placeOrder();
    clock.advance(TIMEOUT_SECONDS * 1000 - 1);
    await pay(GUEST, order.id, guestUsd);
    expect(orders.row(order.id)!.status).toBe('paid');
  });

  it('a cancelled order is ORDER_NOT_PAYABLE', async () => {
    const order = placeOrder();
    order.cancelByGuest(clock.now());
    await orders.save(order);
    const before = state(order.id);
    await expect(pay(GUEST, order.id, guestUsd)).rejects.toBeInstanceOf(OrderNotPayableError);
    expect(state(order.id)).toEqual(before);
  });

  it('not the guest (the host, a stranger) or no such order: NOT_FOUND, nothing moves', async () => {
    const order = placeOrder();
    const strangerUsd = accounts.givenAccount('stranger', 'USD', 1_000);
    const before = state(order.id);
    await expect(pay(HOST, order.id, hostUsd)).rejects.toBeInstanceOf(NotFoundError);
    await expect(pay('stranger', order.id, strangerUsd)).rejects.toBeInstanceOf(NotFoundError);
    await expect(pay(GUEST, newId(), guestUsd)).rejects.toBeInstanceOf(NotFoundError);
    expect(state(order.id)).toEqual(before);
    expect(accounts.balanceOf(strangerUsd)).toBe(1_000);
  });

  it("paying from someone else's account (the host's, a stranger's) is NOT_FOUND: money is never taken from them", async () => {
    const order = placeOrder();
    const strangerUsd = accounts.givenAccount('stranger', 'USD', 1_000);
    const before = state(order.id);
    await expect(pay(GUEST, order.id, strangerUsd)).rejects.toBeInstanceOf(NotFoundError);
    await expect(pay(GUEST, order.id, hostUsd)).rejects.toBeInstanceOf(NotFoundError);
    for (const role of ['cash', 'escrow'] as const)
      await expect(
        pay(GUEST, order.id, accounts.systemAccountId(role, 'USD')),
      ).rejects.toBeInstanceOf(NotFoundError);
    expect(state(order.id)).toEqual(before);
    expect(accounts.balanceOf(strangerUsd)).toBe(1_000);
  });

  it("the guest's account in another currency is CURRENCY_MISMATCH", async () => {
    const order = placeOrder();
    const guestEur = accounts.givenAccount(GUEST, 'EUR', 1_000);
    const before = state(order.id);
    await expect(pay(GUEST, order.id, guestEur)).rejects.toBeInstanceOf(CurrencyMismatchError);
    expect(state(order.id)).toEqual(before);
    expect(accounts.balanceOf(guestEur)).toBe(1_000);
  });

  it("paying does not depend on the host's account: without one in the currency, the money still goes to escrow", async () => {
    const order = placeOrder('EUR');
    const guestEur = accounts.givenAccount(GUEST, 'EUR', 1_000);
    await pay(GUEST, order.id, guestEur);
    expect(accounts.balanceOf(guestEur)).toBe(1_000 - 3 * PRICE);
    expect(accounts.balanceOf(accounts.systemAccountId('escrow', 'EUR'))).toBe(3 * PRICE);
    expect(orders.row(order.id)!.status).toBe('paid');
    expect(accounts.ledgerProblems()).toEqual([]);
  });

  it('insufficient funds: INSUFFICIENT_FUNDS, the order stays pending and payable once funded', async () => {
    const poor = accounts.givenAccount('poor', 'USD', 3 * PRICE - 1);
    const poorOrder = placeOrder('USD', 'poor');
    await expect(pay('poor', poorOrder.id, poor)).rejects.toBeInstanceOf(InsufficientFundsError);
    expect(orders.row(poorOrder.id)!.status).toBe('pending_payment');
    expect(accounts.balanceOf(poor)).toBe(3 * PRICE - 1);
    expect(outbox.ofType(ORDER_PAID)).toEqual([]);
    accounts.deposit(poor, 1);
    await pay('poor', poorOrder.id, poor);
    expect(accounts.balanceOf(poor)).toBe(0);
    expect(accounts.ledgerProblems()).toEqual([]);
  });
});
