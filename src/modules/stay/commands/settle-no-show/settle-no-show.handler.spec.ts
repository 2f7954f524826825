import { Logger } from '@nestjs/common';
import { StayWorld } from '@test/support/fakes';
import { newId } from '@domain/shared/uuid';
import { ORDER_NO_SHOW } from '@domain/stay/events/order-settled.events';
import { Order } from '@domain/stay/order.aggregate';
import { OrderNotCheckableError, OrderNotRefundableError } from '@domain/stay/stay.errors';

const { GUEST, HOST, AMOUNT } = StayWorld;
/** 00:00 UTC of the default stay's check-in and check-out days. */
const CHECK_IN = '2030-06-01T00:00:00.000Z';
const CHECK_OUT = '2030-06-04T00:00:00.000Z';

describe('no-shows (SettleNoShowHandler and the sweep, in-memory ports, the real ledger)', () => {
  let w: StayWorld;

  beforeEach(() => {
    w = new StayWorld({ PLATFORM_FEE_BPS: 1_000, REFUND_CUTOFF_HOURS: 24 });
    w.accounts.deposit(w.guestUsd, 10_000);
  });

  const kinds = (kind: string) => w.accounts.transfers().filter((t) => t.kind === kind);
  const status = (o: Order) => w.orders.row(o.id)!.status;

  describe('SettleNoShowCommand(orderId)', () => {
    it('before 00:00 UTC of checkOut: false, nothing changes (1 ms before included)', async () => {
      const order = await w.paidOrder();
      w.at(CHECK_OUT, -1);
      const row = w.orders.row(order.id);
      const credential = w.credentials.row(order.id);
      const transfers = w.accounts.transfers().length;
      const events = w.outbox.events.length;
      expect(await w.settleNoShow(order.id)).toBe(false);
      expect(w.orders.row(order.id)).toEqual(row);
      expect(w.credentials.row(order.id)).toEqual(credential);
      expect(w.accounts.transfers()).toHaveLength(transfers);
      expect(w.outbox.events).toHaveLength(events);
      expect(w.ledgerProblems()).toEqual([]);
    });

    it('at 00:00 UTC of checkOut: no_show, escrow → host amount − fee and → revenue fee, credential deleted, OrderNoShow appended (true)', async () => {
      const order = await w.paidOrder();
      const now = w.at(CHECK_OUT);
      expect(await w.settleNoShow(order.id)).toBe(true);

      const fee = AMOUNT / 10;
      const row = w.orders.row(order.id)!;
      expect(row).toMatchObject({
        status: 'no_show',
        checkedInAt: null,
        refundedAt: null,
        refundTransferId: null,
      });
      const escrow = w.systemAccount('escrow');
      expect(kinds('payout')).toEqual([
        expect.objectContaining({
          id: row.payoutTransferId,
          fromAccountId: escrow,
          toAccountId: w.hostUsd,
          amount: AMOUNT - fee,
          note: `order ${order.id}`,
        }),
      ]);
      expect(kinds('fee')).toEqual([
        expect.objectContaining({
          id: row.feeTransferId,
          fromAccountId: escrow,
          toAccountId: w.systemAccount('revenue'),
          amount: fee,
        }),
      ]);
      expect(w.accounts.balanceOf(w.hostUsd)).toBe(AMOUNT - fee);
      expect(w.accounts.balanceOf(escrow)).toBe(0);
      expect(w.credentials.row(order.id)).toBeUndefined();
      expect(w.outbox.ofType(ORDER_NO_SHOW)).toEqual([
        expect.objectContaining({
          aggregateId: order.id,
          occurredAt: now,
          payload: expect.objectContaining({
            orderId: order.id,
            guestId: GUEST,
            hostId: HOST,
            status: 'no_show',
            payoutTransferId: row.payoutTransferId,
            feeTransferId: row.feeTransferId,
            refundTransferId: null,
          }),
        }),
      ]);
      expect(w.orders.locked).toContain(order.id);
      expect(w.ledgerProblems()).toEqual([]);
    });

    it('PLATFORM_FEE_BPS 0: the whole amount to the host, no fee transfer', async () => {
      w.env.PLATFORM_FEE_BPS = 0;
      const order = await w.paidOrder();
      w.at(CHECK_OUT, 5_000);
      expect(await w.settleNoShow(order.id)).toBe(true);
      expect(w.orders.row(order.id)!.feeTransferId).toBeNull();
      expect(kinds('fee')).toEqual([]);
      expect(w.accounts.balanceOf(w.hostUsd)).toBe(AMOUNT);
      expect(w.ledgerProblems()).toEqual([]);
    });

    it('is idempotent: the delayed job and any number of sweeps settle once (later runs false, money once)', async () => {
      const order = await w.paidOrder();
      w.at(CHECK_OUT);
      const results = await Promise.all([
        w.settleNoShow(order.id),
        w.settleNoShow(order.id),
        w.settleNoShow(order.id),
      ]);
      expect(results.sort()).toEqual([false, false, true]);
      w.clock.advance(86_400_000);
      expect(await w.settleNoShow(order.id)).toBe(false);
      expect(kinds('payout')).toHaveLength(1);
      expect(kinds('fee')).toHaveLength(1);
      expect(w.outbox.ofType(ORDER_NO_SHOW)).toHaveLength(1);
      expect(w.accounts.balanceOf(w.hostUsd)).toBe(AMOUNT - AMOUNT / 10);
      expect(w.ledgerProblems()).toEqual([]);
    });

    it('a unit retried after a deadlock settles once', async () => {
      const order = await w.paidOrder();
      w.at(CHECK_OUT);
      w.uow.deadlockNext(1);
      expect(await w.settleNoShow(order.id)).toBe(true);
      expect(kinds('payout').map((t) => t.id)).toEqual([w.orders.row(order.id)!.payoutTransferId]);
      expect(w.outbox.ofType(ORDER_NO_SHOW)).toHaveLength(1);
      expect(w.ledgerProblems()).toEqual([]);
    });

    it('leaves checked-in, refunded, pending, cancelled and unknown orders alone (false), however late', async () => {
      const checkedIn = await w.paidOrder();
      const refunded = await w.paidOrder();
      const pending = w.placeOrder();
      const cancelled = (await w.orders.findById(w.placeOrder().id))!;
      cancelled.cancelByGuest(w.clock.now());
      await w.orders.save(cancelled);
      await w.refund(GUEST, refunded.id);
      w.at(CHECK_IN);
      await w.checkIn(HOST, checkedIn.id, w.codeOf(checkedIn.id));
      const transfers = w.accounts.transfers().length;
      const rows = [checkedIn, refunded, pending, cancelled].map((o) => w.orders.row(o.id));

      w.at('2031-01-01T00:00:00.000Z');
      for (const o of [checkedIn, refunded, pending, cancelled])
        expect(await w.settleNoShow(o.id)).toBe(false);
      expect(await w.settleNoShow(newId())).toBe(false);

      expect([checkedIn, refunded, pending, cancelled].map((o) => w.orders.row(o.id))).toEqual(
        rows,
      );
      expect(w.accounts.transfers()).toHaveLength(transfers);
      expect(w.outbox.ofType(ORDER_NO_SHOW)).toEqual([]);
      expect(w.ledgerProblems()).toEqual([]);
    });

    it('after a no-show the order can be neither checked in nor refunded', async () => {
      w.env.REFUND_CUTOFF_HOURS = -720;
      const order = await w.paidOrder();
      const code = w.codeOf(order.id);
      w.at(CHECK_OUT);
      expect(await w.settleNoShow(order.id)).toBe(true);
      await expect(w.checkIn(HOST, order.id, code)).rejects.toBeInstanceOf(OrderNotCheckableError);
      await expect(w.refund(GUEST, order.id)).rejects.toBeInstanceOf(OrderNotRefundableError);
      expect(kinds('payout')).toHaveLength(1);
      expect(kinds('refund')).toEqual([]);
      expect(w.ledgerProblems()).toEqual([]);
    });
  });

  describe('sweep()', () => {
    it('settles nothing before 00:00 UTC of checkOut and every due paid order at it; cancels overdue unpaid ones; returns the counts', async () => {
      const due = [await w.paidOrder(), await w.paidOrder()];
      const later = await w.paidOrder({ checkIn: '2030-06-02', checkOut: '2030-06-05' });
      const checkedIn = await w.paidOrder();
      const refunded = await w.paidOrder();
      await w.refund(GUEST, refunded.id);
      const unpaid = w.placeOrder({ checkIn: '2030-07-01', checkOut: '2030-07-02' });
      w.at(CHECK_IN);
      await w.checkIn(HOST, checkedIn.id, w.codeOf(checkedIn.id));

      w.at(CHECK_OUT, -1);
      // The unpaid order is long past payBefore: it is cancelled now, no-shows are not due yet.
      expect(await w.sweeper.sweep()).toEqual({ cancelled: 1, noShows: 0 });
      expect(status(unpaid)).toBe('cancelled');
      for (const o of [...due, later]) expect(status(o)).toBe('paid');

      w.at(CHECK_OUT);
      expect(await w.sweeper.sweep()).toEqual({ cancelled: 0, noShows: 2 });
      for (const o of due) expect(status(o)).toBe('no_show');
      expect(status(later)).toBe('paid');
      expect(status(checkedIn)).toBe('checked_in');
      expect(status(refunded)).toBe('refunded');
      expect(kinds('payout')).toHaveLength(3); // the check-in and the two no-shows
      expect(w.outbox.ofType(ORDER_NO_SHOW)).toHaveLength(2);

      // Another sweep (another instance, the next tick) finds nothing left to do.
      expect(await w.sweeper.sweep()).toEqual({ cancelled: 0, noShows: 0 });
      w.at('2030-06-05T00:00:00.000Z');
      expect(await w.sweeper.sweep()).toEqual({ cancelled: 0, noShows: 1 });
      expect(status(later)).toBe('no_show');
      expect(await w.sweeper.sweep()).toEqual({ cancelled: 0, noShows: 0 });
      expect(kinds('payout')).toHaveLength(4);
      expect(w.accounts.balanceOf(w.systemAccount('escrow'))).toBe(0);
      expect(w.accounts.balanceOf(w.hostUsd)).toBe(4 * (AMOUNT - AMOUNT / 10));
      expect(w.ledgerProblems()).toEqual([]);
    });

    it('an order that fails is logged and skipped: the other due orders are still settled, and the failed one on a later pass', async () => {
      const [bad, good] = [await w.paidOrder(), await w.paidOrder()];
      const settle = w.settleNoShowHandler.execute.bind(w.settleNoShowHandler);
      let failing = true;
      jest
        .spyOn(w.settleNoShowHandler, 'execute')
        .mockImplementation((command) =>
          failing && command.orderId === bad.id
            ? Promise.reject(new Error('database hiccup'))
            : settle(command),
        );
      jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      w.at(CHECK_OUT);
      expect(await w.sweeper.sweep()).toEqual({ cancelled: 0, noShows: 1 });
      expect([status(bad), status(good)]).toEqual(['paid', 'no_show']);
      failing = false;
      expect(await w.sweeper.sweep()).toEqual({ cancelled: 0, noShows: 1 });
      expect(status(bad)).toBe('no_show');
      expect(w.ledgerProblems()).toEqual([]);
    });

    it('the delayed job having settled an order, the sweep does not count it', async () => {
      const order = await w.paidOrder();
      w.at(CHECK_OUT);
      expect(await w.settleNoShow(order.id)).toBe(true);
      expect(await w.sweeper.sweep()).toEqual({ cancelled: 0, noShows: 0 });
      expect(kinds('payout')).toHaveLength(1);
    });

    it('works through more due orders than one batch (100) in one sweep', async () => {
      w.accounts.deposit(w.guestUsd, 150 * AMOUNT);
      const many: Order[] = [];
      for (let i = 0; i < 150; i++) many.push(await w.paidOrder());
      w.at(CHECK_OUT);
      expect(await w.sweeper.sweep()).toEqual({ cancelled: 0, noShows: 150 });
      expect(many.every((o) => status(o) === 'no_show')).toBe(true);
      expect(w.accounts.balanceOf(w.systemAccount('escrow'))).toBe(0);
      expect(w.ledgerProblems()).toEqual([]);
    });

    it('an order settled between the scan and its lock (by its delayed job) is not settled twice (the decision is on the locked row)', async () => {
      const order = await w.paidOrder();
      w.at(CHECK_OUT);
      const [id] = await w.orders.findNoShowIds(w.clock.now(), 100);
      expect(id).toBe(order.id);
      // The delayed job won the row lock.
      expect(await w.settleNoShow(order.id)).toBe(true);
      expect(await w.settleNoShow(id)).toBe(false);
      expect(status(order)).toBe('no_show');
      expect(kinds('payout')).toHaveLength(1);
      expect(w.outbox.ofType(ORDER_NO_SHOW)).toHaveLength(1);
      expect(w.ledgerProblems()).toEqual([]);
    });
  });
});
