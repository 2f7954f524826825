import { StayWorld } from '@test/support/fakes';
import { AccountDirectory } from '@domain/bank/account-directory.port';
import { NotFoundError } from '@domain/shared/domain-error';
import { newId } from '@domain/shared/uuid';
import { ORDER_REFUNDED } from '@domain/stay/events/order-settled.events';
import {
  OrderNotCheckableError,
  OrderNotRefundableError,
  RefundWindowClosedError,
} from '@domain/stay/stay.errors';
import { Escrow } from '../../escrow';
import { RefundOrderCommand } from './refund-order.command';
import { RefundOrderHandler } from './refund-order.handler';

const { GUEST, HOST, AMOUNT } = StayWorld;
/** 00:00 UTC of the default stay's check-in day. */
const CHECK_IN = '2030-06-01T00:00:00.000Z';
const HOUR = 3_600_000;

describe('RefundOrderHandler (in-memory ports, the real ledger)', () => {
  let w: StayWorld;

  beforeEach(() => {
    w = new StayWorld({ REFUND_CUTOFF_HOURS: 24, PLATFORM_FEE_BPS: 1_000 });
  });

  /** What a refused refund must leave as it was. */
  const state = (orderId: string) => ({
    order: w.orders.row(orderId),
    credential: w.credentials.row(orderId),
    guest: w.accounts.balanceOf(w.guestUsd),
    host: w.accounts.balanceOf(w.hostUsd),
    escrow: w.accounts.balanceOf(w.systemAccount('escrow')),
    transfers: w.accounts.transfers().length,
    events: w.outbox.events.length,
  });

  const refunds = () => w.accounts.transfers().filter((t) => t.kind === 'refund');

  it('moves the whole amount escrow → the paying account (no fee), marks it refunded, deletes the credential and appends OrderRefunded, in one commit', async () => {
    const order = await w.paidOrder();
    const commits = w.uow.commits;
    const now = w.at(CHECK_IN, -24 * HOUR - 1);

    const refunded = await w.refund(GUEST, order.id);

    const row = w.orders.row(order.id)!;
    expect(row).toMatchObject({
      status: 'refunded',
      refundedAt: now,
      checkedInAt: null,
      payoutTransferId: null,
      feeTransferId: null,
    });
    expect(refunded.snapshot()).toEqual(row);
    expect(refunds()).toEqual([
      expect.objectContaining({
        id: row.refundTransferId,
        fromAccountId: w.systemAccount('escrow'),
        toAccountId: w.guestUsd,
        amount: AMOUNT,
        currency: 'USD',
        note: `order ${order.id}`,
      }),
    ]);
    expect(w.accounts.balanceOf(w.guestUsd)).toBe(1_000);
    expect(w.accounts.balanceOf(w.systemAccount('escrow'))).toBe(0);
    expect(w.accounts.balanceOf(w.hostUsd)).toBe(0);
    expect(w.accounts.balanceOf(w.systemAccount('revenue'))).toBe(0);
    expect(w.credentials.row(order.id)).toBeUndefined();
    expect(w.outbox.ofType(ORDER_REFUNDED)).toEqual([
      expect.objectContaining({
        aggregateId: order.id,
        occurredAt: now,
        payload: expect.objectContaining({
          orderId: order.id,
          guestId: GUEST,
          hostId: HOST,
          amount: AMOUNT,
          status: 'refunded',
          refundTransferId: row.refundTransferId,
          payoutTransferId: null,
          feeTransferId: null,
        }),
      }),
    ]);
    expect(w.uow.commits).toBe(commits + 1);
    expect(w.ledgerProblems()).toEqual([]);
  });

  it('refunds to the account recorded at payment, whatever account the directory now finds for the guest', async () => {
    const order = await w.paidOrder();
    // The guest now has (per the directory) another USD account, and an EUR one.
    const otherUsd = w.accounts.givenAccount(GUEST, 'USD', 0);
    const guestEur = w.accounts.givenAccount(GUEST, 'EUR', 0);
    const directory: AccountDirectory = {
      findAccountId: async (owner, currency) =>
        owner === GUEST
          ? currency === 'USD'
            ? otherUsd
            : guestEur
          : w.directory.findAccountId(owner, currency),
      systemAccountId: (role, currency) => w.directory.systemAccountId(role, currency),
    };
    const handler = new RefundOrderHandler(
      w.orders,
      w.credentials,
      new Escrow(directory, w.ledger, w.config),
      w.outbox,
      w.uow,
      w.clock,
      w.config,
    );
    await handler.execute(new RefundOrderCommand(GUEST, order.id));
    expect(w.orders.row(order.id)!.paidFromAccountId).toBe(w.guestUsd);
    expect(refunds().map((t) => t.toAccountId)).toEqual([w.guestUsd]);
    expect(w.accounts.balanceOf(w.guestUsd)).toBe(1_000);
    expect(w.accounts.balanceOf(otherUsd)).toBe(0);
    expect(w.accounts.balanceOf(guestEur)).toBe(0);
    expect(w.ledgerProblems()).toEqual([]);
  });

  it('an EUR order paid from the guest’s EUR account is refunded there, in EUR', async () => {
    const guestEur = w.accounts.givenAccount(GUEST, 'EUR', 500);
    w.accounts.givenAccount(HOST, 'EUR', 0);
    const order = await w.paidOrder({ currency: 'EUR', accountId: guestEur });
    await w.refund(GUEST, order.id);
    expect(w.accounts.balanceOf(guestEur)).toBe(500);
    expect(w.accounts.balanceOf(w.systemAccount('escrow', 'EUR'))).toBe(0);
    expect(refunds()).toEqual([
      expect.objectContaining({ currency: 'EUR', toAccountId: guestEur }),
    ]);
    expect(w.accounts.balanceOf(w.guestUsd)).toBe(1_000);
    expect(w.ledgerProblems()).toEqual([]);
  });

  it.each([
    [24, CHECK_IN, -24 * HOUR],
    [0, CHECK_IN, 0],
    [-12, CHECK_IN, 12 * HOUR],
    [-24, CHECK_IN, 24 * HOUR],
  ])(
    'REFUND_CUTOFF_HOURS %i: REFUND_WINDOW_CLOSED from the cutoff instant on, nothing moves; 1 ms before it refunds',
    async (cutoff, day, offset) => {
      w.env.REFUND_CUTOFF_HOURS = cutoff;
      const late = await w.paidOrder();
      const inTime = await w.paidOrder();
      const closes = w.at(day, offset);

      const before = state(late.id);
      await expect(w.refund(GUEST, late.id)).rejects.toMatchObject({
        constructor: RefundWindowClosedError,
        code: 'REFUND_WINDOW_CLOSED',
        message: `Refunds for this stay closed at ${closes.toISOString()}`,
      });
      w.clock.advance(HOUR);
      await expect(w.refund(GUEST, late.id)).rejects.toBeInstanceOf(RefundWindowClosedError);
      expect(state(late.id)).toEqual(before);

      w.at(day, offset - 1);
      await w.refund(GUEST, inTime.id);
      expect(w.orders.row(inTime.id)!.status).toBe('refunded');
      expect(w.orders.row(late.id)!.status).toBe('paid');
      expect(w.ledgerProblems()).toEqual([]);
    },
  );

  it('not paid (pending, cancelled, already refunded, checked in): ORDER_NOT_REFUNDABLE, nothing moves', async () => {
    w.accounts.deposit(w.guestUsd, 1_000); // three paid orders
    const pending = w.placeOrder();
    const cancelled = (await w.orders.findById(w.placeOrder().id))!;
    cancelled.cancelByGuest(w.clock.now());
    await w.orders.save(cancelled);
    await w.paidOrder(); // unrelated: stays in escrow
    const refunded = await w.paidOrder();
    const checkedIn = await w.paidOrder();
    w.env.REFUND_CUTOFF_HOURS = -48;
    w.at(CHECK_IN);
    await w.refund(GUEST, refunded.id);
    await w.checkIn(HOST, checkedIn.id, w.codeOf(checkedIn.id));

    for (const o of [pending, cancelled, refunded, checkedIn]) {
      const before = state(o.id);
      await expect(w.refund(GUEST, o.id)).rejects.toMatchObject({
        constructor: OrderNotRefundableError,
        code: 'ORDER_NOT_REFUNDABLE',
      });
      expect(state(o.id)).toEqual(before);
    }
    expect(refunds()).toHaveLength(1);
    expect(w.ledgerProblems()).toEqual([]);
  });

  it('the host, a stranger, or no such order: NOT_FOUND, nothing moves', async () => {
    const order = await w.paidOrder();
    const before = state(order.id);
    await expect(w.refund(HOST, order.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(w.refund('stranger', order.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(w.refund(GUEST, newId())).rejects.toBeInstanceOf(NotFoundError);
    expect(state(order.id)).toEqual(before);
  });

  it('refund then check-in: the check-in is ORDER_NOT_CHECKABLE (its credential is gone) and the money moved once', async () => {
    w.env.REFUND_CUTOFF_HOURS = -24; // refundable all of check-in day
    const order = await w.paidOrder();
    const code = w.codeOf(order.id);
    w.at(CHECK_IN, 8 * HOUR);
    await w.refund(GUEST, order.id);
    await expect(w.checkIn(HOST, order.id, code)).rejects.toBeInstanceOf(OrderNotCheckableError);
    expect(w.orders.row(order.id)!.status).toBe('refunded');
    expect(
      w.accounts
        .transfers()
        .map((t) => t.kind)
        .filter((k) => k !== 'deposit'),
    ).toEqual(['payment', 'refund']);
    expect(w.accounts.balanceOf(w.hostUsd)).toBe(0);
    expect(w.ledgerProblems()).toEqual([]);
  });

  it('check-in then refund: the refund is ORDER_NOT_REFUNDABLE and the host keeps the payout', async () => {
    w.env.REFUND_CUTOFF_HOURS = -24;
    const order = await w.paidOrder();
    w.at(CHECK_IN, 8 * HOUR);
    await w.checkIn(HOST, order.id, w.codeOf(order.id));
    await expect(w.refund(GUEST, order.id)).rejects.toBeInstanceOf(OrderNotRefundableError);
    expect(refunds()).toEqual([]);
    expect(w.accounts.balanceOf(w.hostUsd)).toBe(AMOUNT - AMOUNT / 10);
    expect(w.ledgerProblems()).toEqual([]);
  });

  it('a refund and a check-in racing: exactly one wins, the escrow is paid out once', async () => {
    w.env.REFUND_CUTOFF_HOURS = -24;
    const order = await w.paidOrder();
    w.at(CHECK_IN, 8 * HOUR);
    const results = await Promise.allSettled([
      w.refund(GUEST, order.id),
      w.checkIn(HOST, order.id, w.codeOf(order.id)),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const settled = w.accounts.transfers().filter((t) => ['refund', 'payout'].includes(t.kind));
    expect(settled).toHaveLength(1);
    expect(w.accounts.balanceOf(w.systemAccount('escrow'))).toBe(0);
    expect(w.ledgerProblems()).toEqual([]);
  });

  it('refunding twice (a retry, or two requests in parallel): money moves once, the other is ORDER_NOT_REFUNDABLE', async () => {
    const order = await w.paidOrder();
    const results = await Promise.allSettled([
      w.refund(GUEST, order.id),
      w.refund(GUEST, order.id),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(
      (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason,
    ).toBeInstanceOf(OrderNotRefundableError);
    expect(refunds()).toHaveLength(1);
    expect(w.outbox.ofType(ORDER_REFUNDED)).toHaveLength(1);
    expect(w.accounts.balanceOf(w.guestUsd)).toBe(1_000);
    expect(w.ledgerProblems()).toEqual([]);
  });

  it('a unit retried after a deadlock refunds once', async () => {
    const order = await w.paidOrder();
    w.uow.deadlockNext(1);
    await w.refund(GUEST, order.id);
    expect(refunds().map((t) => t.id)).toEqual([w.orders.row(order.id)!.refundTransferId]);
    expect(w.outbox.ofType(ORDER_REFUNDED)).toHaveLength(1);
    expect(w.accounts.balanceOf(w.guestUsd)).toBe(1_000);
    expect(w.ledgerProblems()).toEqual([]);
  });
});
