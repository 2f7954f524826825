import { StayWorld } from '@test/support/fakes';
import { NotFoundError } from '@domain/shared/domain-error';
import { newId } from '@domain/shared/uuid';
import { ORDER_CHECKED_IN } from '@domain/stay/events/order-settled.events';
import {
  CheckInAttemptsExceededError,
  CheckInCodeInvalidError,
  CheckInTooEarlyError,
  OrderNotCheckableError,
} from '@domain/stay/stay.errors';
import { ExpireUnpaidOrderCommand } from '../expire-unpaid-orders/expire-unpaid-order.command';

const { GUEST, HOST, AMOUNT } = StayWorld;
const OPENS = '2030-06-01T00:00:00.000Z';

describe('CheckInOrderHandler (in-memory ports, the real ledger)', () => {
  let w: StayWorld;

  beforeEach(() => {
    w = new StayWorld({ PLATFORM_FEE_BPS: 1_000 });
  });

  /** What a refused check-in must leave as it was. */
  const state = (orderId: string) => ({
    order: w.orders.row(orderId),
    credential: w.credentials.row(orderId),
    host: w.accounts.balanceOf(w.hostUsd),
    escrow: w.accounts.balanceOf(w.systemAccount('escrow')),
    revenue: w.accounts.balanceOf(w.systemAccount('revenue')),
    transfers: w.accounts.transfers().length,
    events: w.outbox.events.length,
  });

  const kinds = () => w.accounts.transfers().map((t) => t.kind);

  it('the right code: escrow → host amount − fee (payout) and → revenue fee (fee), order checked in, credential deleted, OrderCheckedIn appended, one commit', async () => {
    const order = await w.paidOrder();
    const commits = w.uow.commits;
    const now = w.at(OPENS, 10 * 3_600_000);

    const checkedIn = await w.checkIn(HOST, order.id, w.codeOf(order.id));

    const fee = Math.floor((AMOUNT * 1_000) / 10_000); // 36
    const row = w.orders.row(order.id)!;
    expect(row).toMatchObject({ status: 'checked_in', checkedInAt: now, refundTransferId: null });
    expect(checkedIn.snapshot()).toEqual(row);
    expect(w.accounts.balanceOf(w.hostUsd)).toBe(AMOUNT - fee);
    expect(w.accounts.balanceOf(w.systemAccount('revenue'))).toBe(fee);
    expect(w.accounts.balanceOf(w.systemAccount('escrow'))).toBe(0);
    expect(w.accounts.balanceOf(w.guestUsd)).toBe(1_000 - AMOUNT);
    const escrow = w.systemAccount('escrow');
    const payouts = w.accounts.transfers().filter((t) => t.kind === 'payout');
    const fees = w.accounts.transfers().filter((t) => t.kind === 'fee');
    expect(payouts).toEqual([
      expect.objectContaining({
        id: row.payoutTransferId,
        fromAccountId: escrow,
        toAccountId: w.hostUsd,
        amount: AMOUNT - fee,
        currency: 'USD',
        note: `order ${order.id}`,
      }),
    ]);
    expect(fees).toEqual([
      expect.objectContaining({
        id: row.feeTransferId,
        fromAccountId: escrow,
        toAccountId: w.systemAccount('revenue'),
        amount: fee,
        note: `order ${order.id}`,
      }),
    ]);
    expect(w.credentials.row(order.id)).toBeUndefined();
    expect(w.outbox.ofType(ORDER_CHECKED_IN)).toEqual([
      expect.objectContaining({
        aggregateId: order.id,
        occurredAt: now,
        payload: expect.objectContaining({
          orderId: order.id,
          guestId: GUEST,
          hostId: HOST,
          amount: AMOUNT,
          status: 'checked_in',
          payoutTransferId: row.payoutTransferId,
          feeTransferId: row.feeTransferId,
          refundTransferId: null,
        }),
      }),
    ]);
    expect(w.uow.commits).toBe(commits + 1);
    expect(w.ledgerProblems()).toEqual([]);
  });

  it('PLATFORM_FEE_BPS 0: the whole amount to the host, no fee transfer, feeTransferId null', async () => {
    w.env.PLATFORM_FEE_BPS = 0;
    const order = await w.paidOrder();
    w.at(OPENS);
    await w.checkIn(HOST, order.id, w.codeOf(order.id));
    expect(w.orders.row(order.id)).toMatchObject({ status: 'checked_in', feeTransferId: null });
    expect(w.accounts.balanceOf(w.hostUsd)).toBe(AMOUNT);
    expect(w.accounts.balanceOf(w.systemAccount('revenue'))).toBe(0);
    expect(kinds().filter((k) => k === 'fee')).toEqual([]);
    expect(w.outbox.ofType(ORDER_CHECKED_IN)[0].payload).toMatchObject({ feeTransferId: null });
    expect(w.ledgerProblems()).toEqual([]);
  });

  it('the fee is taken at the rate configured at check-in, not at payment', async () => {
    w.env.PLATFORM_FEE_BPS = 0;
    const order = await w.paidOrder();
    w.env.PLATFORM_FEE_BPS = 2_500;
    w.at(OPENS);
    await w.checkIn(HOST, order.id, w.codeOf(order.id));
    expect(w.accounts.balanceOf(w.systemAccount('revenue'))).toBe(AMOUNT / 4);
    expect(w.accounts.balanceOf(w.hostUsd)).toBe(AMOUNT - AMOUNT / 4);
    expect(w.ledgerProblems()).toEqual([]);
  });

  it('a wrong code: CHECK_IN_CODE_INVALID, and the wrong count is committed while nothing else changes', async () => {
    const order = await w.paidOrder();
    w.at(OPENS);
    const before = state(order.id);
    const commits = w.uow.commits;

    const refused = w.checkIn(HOST, order.id, w.wrongCodeOf(order.id));
    await expect(refused).rejects.toBeInstanceOf(CheckInCodeInvalidError);
    await expect(refused).rejects.toMatchObject({
      code: 'CHECK_IN_CODE_INVALID',
      message: expect.stringContaining('4 attempts left'),
    });

    // The count is in the store: the unit committed (it did not roll back with the 422).
    expect(w.uow.commits).toBe(commits + 1);
    expect(w.credentials.row(order.id)).toEqual({ ...before.credential, wrongCodes: 1 });
    expect(state(order.id)).toEqual({ ...before, credential: w.credentials.row(order.id) });
    expect(w.orders.row(order.id)!.status).toBe('paid');
    expect(kinds()).not.toContain('payout');
    expect(w.outbox.ofType(ORDER_CHECKED_IN)).toEqual([]);
    expect(w.ledgerProblems()).toEqual([]);
  });

  it('5 wrong codes lock check-in for 900 s: the right code is then CHECK_IN_ATTEMPTS_EXCEEDED (Retry-After counting down), and works once the lock ends', async () => {
    const order = await w.paidOrder();
    const opened = w.at(OPENS);
    const wrong = w.wrongCodeOf(order.id);
    const messages: string[] = [];
    for (let i = 0; i < 5; i++) {
      const e = await w.checkIn(HOST, order.id, wrong).catch((err: unknown) => err);
      expect(e).toBeInstanceOf(CheckInCodeInvalidError);
      messages.push((e as Error).message);
    }
    expect(messages.slice(0, 4).map((m) => /(\d) attempts? left/.exec(m)?.[1])).toEqual([
      '4',
      '3',
      '2',
      '1',
    ]);
    expect(messages[4]).toMatch(/locked/);
    expect(w.credentials.row(order.id)).toMatchObject({
      wrongCodes: 5,
      lockouts: 1,
      lockedUntil: new Date(opened.getTime() + 900_000),
    });
    const locked = state(order.id);

    const right = w.codeOf(order.id);
    await expect(w.checkIn(HOST, order.id, right)).rejects.toMatchObject({
      constructor: CheckInAttemptsExceededError,
      code: 'CHECK_IN_ATTEMPTS_EXCEEDED',
      retryAfterSeconds: 900,
    });
    // A wrong code while locked is refused the same way and not counted.
    await expect(w.checkIn(HOST, order.id, wrong)).rejects.toBeInstanceOf(
      CheckInAttemptsExceededError,
    );
    w.clock.advance(600_000);
    await expect(w.checkIn(HOST, order.id, right)).rejects.toMatchObject({
      retryAfterSeconds: 300,
    });
    w.clock.advance(300_000 - 1);
    await expect(w.checkIn(HOST, order.id, right)).rejects.toMatchObject({ retryAfterSeconds: 1 });
    expect(state(order.id)).toEqual(locked);

    w.clock.advance(1);
    await w.checkIn(HOST, order.id, right);
    expect(w.orders.row(order.id)!.status).toBe('checked_in');
    expect(w.credentials.row(order.id)).toBeUndefined();
    expect(kinds().filter((k) => k === 'payout')).toHaveLength(1);
    expect(w.ledgerProblems()).toEqual([]);
  });

  it('after the first lock, five more wrong codes lock for 1800 s', async () => {
    const order = await w.paidOrder();
    const wrong = w.wrongCodeOf(order.id);
    w.at(OPENS);
    for (let i = 0; i < 5; i++)
      await expect(w.checkIn(HOST, order.id, wrong)).rejects.toBeInstanceOf(
        CheckInCodeInvalidError,
      );
    w.clock.advance(900_000);
    for (let i = 0; i < 5; i++)
      await expect(w.checkIn(HOST, order.id, wrong)).rejects.toBeInstanceOf(
        CheckInCodeInvalidError,
      );
    await expect(w.checkIn(HOST, order.id, w.codeOf(order.id))).rejects.toMatchObject({
      retryAfterSeconds: 1_800,
    });
    expect(w.credentials.row(order.id)).toMatchObject({ lockouts: 2, wrongCodes: 5 });
  });

  it('the guest (even with the right code), a stranger, or no such order: NOT_FOUND, nothing counted or moved', async () => {
    const order = await w.paidOrder();
    w.at(OPENS);
    const before = state(order.id);
    const code = w.codeOf(order.id);
    await expect(w.checkIn(GUEST, order.id, code)).rejects.toBeInstanceOf(NotFoundError);
    await expect(w.checkIn('stranger', order.id, code)).rejects.toBeInstanceOf(NotFoundError);
    await expect(w.checkIn(GUEST, order.id, w.wrongCodeOf(order.id))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(w.checkIn(HOST, newId(), code)).rejects.toBeInstanceOf(NotFoundError);
    expect(state(order.id)).toEqual(before);
  });

  it('before 00:00 UTC of checkIn: CHECK_IN_TOO_EARLY, even a wrong code is not counted; from 00:00 it works', async () => {
    const order = await w.paidOrder();
    w.at(OPENS, -1);
    const before = state(order.id);
    await expect(w.checkIn(HOST, order.id, w.codeOf(order.id))).rejects.toBeInstanceOf(
      CheckInTooEarlyError,
    );
    await expect(w.checkIn(HOST, order.id, w.wrongCodeOf(order.id))).rejects.toMatchObject({
      code: 'CHECK_IN_TOO_EARLY',
      message: `Check-in opens at ${OPENS}`,
    });
    expect(state(order.id)).toEqual(before);
    w.clock.advance(1);
    await w.checkIn(HOST, order.id, w.codeOf(order.id));
    expect(w.orders.row(order.id)!.status).toBe('checked_in');
    expect(w.ledgerProblems()).toEqual([]);
  });

  it('an order not paid (pending, cancelled) is ORDER_NOT_CHECKABLE', async () => {
    const pending = w.placeOrder();
    const cancelled = w.placeOrder();
    w.clock.advance(900_000);
    expect(await w.expireHandler.execute(new ExpireUnpaidOrderCommand(cancelled.id))).toBe(true);
    expect(w.orders.row(cancelled.id)!.status).toBe('cancelled');
    w.at(OPENS);
    for (const o of [pending, cancelled]) {
      const before = state(o.id);
      await expect(w.checkIn(HOST, o.id, '123456')).rejects.toMatchObject({
        constructor: OrderNotCheckableError,
        code: 'ORDER_NOT_CHECKABLE',
      });
      expect(state(o.id)).toEqual(before);
    }
    expect(w.ledgerProblems()).toEqual([]);
  });

  it('checking in twice (a retry, or two requests in parallel): money moves once, the other is ORDER_NOT_CHECKABLE', async () => {
    const order = await w.paidOrder();
    w.at(OPENS);
    const code = w.codeOf(order.id);
    const results = await Promise.allSettled([
      w.checkIn(HOST, order.id, code),
      w.checkIn(HOST, order.id, code),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(OrderNotCheckableError);
    await expect(w.checkIn(HOST, order.id, code)).rejects.toBeInstanceOf(OrderNotCheckableError);
    expect(kinds().filter((k) => k === 'payout')).toHaveLength(1);
    expect(kinds().filter((k) => k === 'fee')).toHaveLength(1);
    expect(w.outbox.ofType(ORDER_CHECKED_IN)).toHaveLength(1);
    expect(w.ledgerProblems()).toEqual([]);
  });

  it('a unit retried after a deadlock checks in once (payout, order, credential and event commit together)', async () => {
    const order = await w.paidOrder();
    w.at(OPENS);
    w.uow.deadlockNext(1);
    const rollbacks = w.uow.rollbacks;
    await w.checkIn(HOST, order.id, w.codeOf(order.id));
    expect(w.uow.rollbacks).toBe(rollbacks + 1);
    const row = w.orders.row(order.id)!;
    const payouts = w.accounts.transfers().filter((t) => t.kind === 'payout');
    expect(payouts.map((t) => t.id)).toEqual([row.payoutTransferId]);
    expect(w.outbox.ofType(ORDER_CHECKED_IN)).toHaveLength(1);
    expect(w.credentials.row(order.id)).toBeUndefined();
    expect(w.ledgerProblems()).toEqual([]);
  });

  it('a wrong code counted in a unit that deadlocks is counted once', async () => {
    const order = await w.paidOrder();
    w.at(OPENS);
    w.uow.deadlockNext(1);
    await expect(w.checkIn(HOST, order.id, w.wrongCodeOf(order.id))).rejects.toBeInstanceOf(
      CheckInCodeInvalidError,
    );
    expect(w.credentials.row(order.id)!.wrongCodes).toBe(1);
  });

  it("checking in one order leaves the host's other orders paid, with their credentials", async () => {
    const a = await w.paidOrder();
    const b = await w.paidOrder();
    w.at(OPENS);
    await expect(w.checkIn(HOST, b.id, w.wrongCodeOf(b.id))).rejects.toBeInstanceOf(
      CheckInCodeInvalidError,
    );
    await w.checkIn(HOST, a.id, w.codeOf(a.id));
    expect(w.orders.row(b.id)!.status).toBe('paid');
    expect(w.credentials.row(b.id)).toMatchObject({ wrongCodes: 1 });
    expect(w.accounts.balanceOf(w.systemAccount('escrow'))).toBe(AMOUNT);
    expect(w.ledgerProblems()).toEqual([]);
  });
});
