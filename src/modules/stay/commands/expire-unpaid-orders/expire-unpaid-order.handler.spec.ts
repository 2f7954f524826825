import type { CommandBus } from '@nestjs/cqrs';
import { FakeClock, InMemoryOrderRepository, InMemoryUnitOfWork } from '@test/support/fakes';
import { newId } from '@domain/shared/uuid';
import { Homestay } from '@domain/stay/homestay.aggregate';
import { Order } from '@domain/stay/order.aggregate';
import { StayDates } from '@domain/stay/stay-dates.value-object';
import { AppConfig } from '@infra/config/app-config';
import { ExpireUnpaidOrderCommand } from './expire-unpaid-order.command';
import { ExpireUnpaidOrderHandler } from './expire-unpaid-order.handler';
import { OrderDeadlinesSweeper } from '../../order-deadlines.sweeper';

const TIMEOUT_MS = 900_000;

describe('unpaid-order expiry (ExpireUnpaidOrderHandler and the sweep, in-memory ports)', () => {
  let orders: InMemoryOrderRepository;
  let uow: InMemoryUnitOfWork;
  let clock: FakeClock;
  let handler: ExpireUnpaidOrderHandler;
  let sweeper: OrderDeadlinesSweeper;
  const homestay = Homestay.create(
    newId(),
    'host',
    {
      title: 'Loft',
      description: 'Top floor',
      city: 'Lyon',
      pricePerNight: 80,
      currency: 'EUR',
      maxGuests: 3,
    },
    new Date('2030-01-01T00:00:00Z'),
  );

  beforeEach(() => {
    orders = new InMemoryOrderRepository();
    uow = new InMemoryUnitOfWork(orders);
    clock = new FakeClock('2030-02-01T08:00:00.000Z');
    handler = new ExpireUnpaidOrderHandler(orders, uow, clock);
    // The sweep sends each command through the bus; this one has only our handler.
    const bus = {
      execute: (command: ExpireUnpaidOrderCommand) => handler.execute(command),
    } as unknown as CommandBus;
    // The sweep itself reads no configuration (only its timer does).
    sweeper = new OrderDeadlinesSweeper(orders, clock, bus, { env: {} } as AppConfig);
  });

  /** A pending order placed now (its deadline TIMEOUT_MS from now), stored. */
  function placed(guestId = 'guest'): Order {
    const now = clock.now();
    return orders.given(
      Order.place({
        id: newId(),
        homestay,
        guestId,
        dates: StayDates.request('2030-03-01', '2030-03-03', now),
        guests: 1,
        now,
        paymentTimeoutSeconds: TIMEOUT_MS / 1000,
        pendingOrdersOfGuest: 0,
        maxPendingOrders: 1_000,
      }),
    );
  }

  const status = (o: Order) => orders.row(o.id)!.status;
  const expire = (orderId: string) => handler.execute(new ExpireUnpaidOrderCommand(orderId));

  describe('ExpireUnpaidOrderCommand(orderId)', () => {
    it('before payBefore: does nothing (false), the order stays payable', async () => {
      const order = placed();
      clock.advance(TIMEOUT_MS - 1);
      expect(await expire(order.id)).toBe(false);
      expect(orders.row(order.id)).toEqual(order.snapshot());
    });

    it('at payBefore: cancels with payment_timeout on the locked row (true), once', async () => {
      const order = placed();
      clock.advance(TIMEOUT_MS);
      expect(await expire(order.id)).toBe(true);
      expect(orders.row(order.id)).toMatchObject({
        status: 'cancelled',
        cancelReason: 'payment_timeout',
        cancelledAt: clock.now(),
      });
      expect(orders.locked).toEqual([order.id]);
      // The delayed job and a sweep both deciding: only the first changes anything.
      clock.advance(1000);
      expect(await expire(order.id)).toBe(false);
      expect(orders.row(order.id)!.cancelledAt).toEqual(new Date(clock.now().getTime() - 1000));
    });

    it('a paid order is never cancelled, however late', async () => {
      const order = placed();
      order.markPaid(newId(), '123456', clock.now());
      await orders.save(order);
      clock.advance(10 * TIMEOUT_MS);
      expect(await expire(order.id)).toBe(false);
      expect(orders.row(order.id)).toMatchObject({ status: 'paid', cancelReason: null });
    });

    it("an order the guest cancelled keeps the guest's reason", async () => {
      const order = placed();
      order.cancelByGuest(clock.now());
      await orders.save(order);
      clock.advance(TIMEOUT_MS);
      expect(await expire(order.id)).toBe(false);
      expect(orders.row(order.id)!.cancelReason).toBe('by_guest');
    });

    it('an unknown order id: false', async () => {
      expect(await expire(newId())).toBe(false);
    });
  });

  describe('sweep()', () => {
    it('cancels exactly the overdue unpaid orders; paid, guest-cancelled and not-yet-due ones are left alone', async () => {
      const overdue = [placed('g1'), placed('g2')];
      const paid = placed('g3');
      paid.markPaid(newId(), '000001', clock.now());
      await orders.save(paid);
      const cancelled = placed('g4');
      cancelled.cancelByGuest(clock.now());
      await orders.save(cancelled);
      clock.advance(TIMEOUT_MS / 2);
      const notYetDue = placed('g5');
      clock.advance(TIMEOUT_MS / 2);

      expect((await sweeper.sweep()).cancelled).toBe(2);

      for (const o of overdue) expect(orders.row(o.id)!.cancelReason).toBe('payment_timeout');
      expect(status(paid)).toBe('paid');
      expect(orders.row(cancelled.id)!.cancelReason).toBe('by_guest');
      expect(status(notYetDue)).toBe('pending_payment');
      // A second sweep (another instance) finds nothing left to do.
      expect((await sweeper.sweep()).cancelled).toBe(0);
      clock.advance(TIMEOUT_MS / 2);
      expect((await sweeper.sweep()).cancelled).toBe(1);
      expect(orders.row(notYetDue.id)!.cancelReason).toBe('payment_timeout');
    });

    it('works through more overdue orders than one batch (100) in one sweep', async () => {
      const many = Array.from({ length: 250 }, (_, i) => placed(`guest-${i}`));
      clock.advance(TIMEOUT_MS);
      expect((await sweeper.sweep()).cancelled).toBe(250);
      expect(many.every((o) => status(o) === 'cancelled')).toBe(true);
    });

    it('an order paid between the scan and its lock is not cancelled (the decision is on the locked row)', async () => {
      const order = placed();
      clock.advance(TIMEOUT_MS);
      const [id] = await orders.findOverdueIds(clock.now(), 100);
      // The payment that won the row lock (it was made before the deadline).
      const row = Order.restore({ ...orders.row(id)!, status: 'paid', paidAt: clock.now() });
      await orders.save(row);
      expect(await expire(id)).toBe(false);
      expect(status(order)).toBe('paid');
    });
  });
});
