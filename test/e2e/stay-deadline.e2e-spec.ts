import type { Connection } from 'mysql2/promise';
import { HttpResponse, startApp, TestApp } from '../support/app';
import {
  adminEnv,
  Bank,
  loginAdmin,
  pool,
  expectLedgerBalanced,
  SYSTEM_ACCOUNT_IDS,
  systemBalance,
  tally,
} from '../support/bank';
import { connectDb, uuidToBuffer } from '../support/db';
import { expectProblem } from '../support/factories';
import { day, Guest, Host, Order, paymentsFor, Stays } from '../support/stay';
import { eventually, OutboxMail, readJsonl } from '../support/outbox';

/**
 * The payment deadline (API.md: an unpaid order is cancelled with reason payment_timeout
 * within 5 s after payBefore, surviving lost jobs), with short timeouts. Each test starts
 * the app instances it needs, so exactly the processes under test run workers.
 */
describe('Stays: payment deadline', () => {
  let db: Connection;
  const env = adminEnv();

  beforeAll(async () => {
    db = await connectDb();
  });
  afterAll(async () => {
    await db?.end();
  });

  async function clients(app: TestApp): Promise<Stays> {
    const admin = await loginAdmin(app.http, env);
    return new Stays(app.http, new Bank(app.http, admin.accessToken));
  }

  async function processedBy(subscriber: string, orderId: string): Promise<number> {
    const [rows] = await db.query(
      `SELECT COUNT(*) AS n FROM processed_events p JOIN outbox o ON o.id = p.event_id
       WHERE p.subscriber = ? AND o.aggregate_id = ?`,
      [subscriber, uuidToBuffer(orderId)],
    );
    return Number((rows as Array<{ n: number }>)[0].n);
  }

  const finalState = (stays: Stays, token: string, orderId: string) =>
    eventually(
      async () => {
        const o = await stays.get(token, orderId);
        return o.status === 'pending_payment' ? undefined : o;
      },
      20_000,
      `order ${orderId} to leave pending_payment`,
    );

  it('the delayed job cancels an unpaid order (payment_timeout) within 5 s after payBefore; its nights free up', async () => {
    // The sweep is effectively off here: only the delayed OrderPaymentDue job can cancel.
    const app = await startApp({
      ...env,
      ORDER_PAYMENT_TIMEOUT_SECONDS: '2',
      ORDER_SWEEP_INTERVAL_SECONDS: '3600',
    });
    try {
      const stays = await clients(app);
      const { homestay } = await stays.host();
      const guest = await stays.guest();
      const order = await stays.placed(guest.user.accessToken, homestay.id, day(5), day(8));
      expect(Date.parse(order.payBefore) - Date.parse(order.createdAt)).toBe(2000);

      const done = await finalState(stays, guest.user.accessToken, order.id);
      expect(done).toEqual({
        ...order,
        status: 'cancelled',
        cancelReason: 'payment_timeout',
        cancelledAt: expect.any(String),
      });
      const lateBy = Date.parse(done.cancelledAt!) - Date.parse(order.payBefore);
      expect(lateBy).toBeGreaterThanOrEqual(0);
      expect(lateBy).toBeLessThan(5000);
      expect(await processedBy('stay.cancel-unpaid-order', order.id)).toBe(1);

      expectProblem(
        await stays.pay(guest.user.accessToken, order.id, guest.account.id),
        409,
        'ORDER_NOT_PAYABLE',
      );
      expectProblem(
        await stays.cancel(guest.user.accessToken, order.id),
        409,
        'ORDER_NOT_CANCELLABLE',
      );
      expect(await paymentsFor(db, order.id)).toBe(0);
      const other = await stays.guest();
      expect((await stays.placed(other.user.accessToken, homestay.id, day(5), day(8))).status).toBe(
        'pending_payment',
      );
    } finally {
      await app.close();
    }
  });

  it('the sweep cancels overdue orders whose delayed job was lost; an API without workers never does', async () => {
    const api = await startApp({
      ...env,
      WORKERS_ENABLED: 'false',
      ORDER_PAYMENT_TIMEOUT_SECONDS: '2',
    });
    let worker: TestApp | undefined;
    try {
      const stays = await clients(api);
      const { homestay } = await stays.host();
      const guest = await stays.guest();
      const orders: Order[] = [];
      for (let i = 0; i < 3; i++)
        orders.push(
          await stays.placed(guest.user.accessToken, homestay.id, day(10 + i), day(11 + i)),
        );
      // Nothing runs the relay yet, so each deadline job exists only as its outbox row:
      // deleting the rows loses the jobs, as a flushed Redis would after the relay had run.
      const [deleted] = await db.query('DELETE FROM outbox WHERE aggregate_id IN (?)', [
        orders.map((o) => uuidToBuffer(o.id)),
      ]);
      expect((deleted as { affectedRows: number }).affectedRows).toBe(3);

      // The API itself tells when the last deadline has passed: the last order's nights are
      // held (409 DATES_UNAVAILABLE) until its payBefore, then bookable again though the order
      // is still pending.
      const other = await stays.guest();
      const refused: HttpResponse[] = [];
      const rebooked = await eventually(
        async () => {
          const res = await stays.order(other.user.accessToken, {
            homestayId: homestay.id,
            checkIn: day(12),
            checkOut: day(13),
            guests: 1,
          });
          if (res.status === 201) return res.body as Order;
          refused.push(res);
          return undefined;
        },
        15_000,
        'the nights of the last overdue order bookable again',
      );
      for (const res of refused) expectProblem(res, 409, 'DATES_UNAVAILABLE');
      for (const o of orders)
        expect((await stays.get(guest.user.accessToken, o.id)).status).toBe('pending_payment');
      // Overdue yet still pending: no payment is accepted.
      expectProblem(
        await stays.pay(guest.user.accessToken, orders[0].id, guest.account.id),
        409,
        'ORDER_NOT_PAYABLE',
      );

      // "Never" is checked over the whole time the API ran alone, not a chosen slice of it:
      // every cancellation below is stamped after the worker was started.
      const workerStarting = Date.now();
      worker = await startApp({
        ...env,
        WORKERS_ENABLED: 'true',
        ORDER_SWEEP_INTERVAL_SECONDS: '1',
        ORDER_PAYMENT_TIMEOUT_SECONDS: '900',
      });
      const started = Date.now();
      for (const o of orders) {
        const done = await finalState(stays, guest.user.accessToken, o.id);
        expect(done).toMatchObject({
          status: 'cancelled',
          cancelReason: 'payment_timeout',
          paidAt: null,
          transferId: null,
        });
        expect(Date.parse(done.cancelledAt!)).toBeGreaterThanOrEqual(workerStarting);
        expect(await processedBy('stay.cancel-unpaid-order', o.id)).toBe(0);
      }
      expect(Date.now() - started).toBeLessThan(10_000);
      // The re-booking (same 2 s timeout, job intact) is cancelled too, by its job or the sweep.
      expect(await finalState(stays, other.user.accessToken, rebooked.id)).toMatchObject({
        status: 'cancelled',
        cancelReason: 'payment_timeout',
      });
    } finally {
      await Promise.all([api.close(), worker?.close()]);
    }
  });

  it('while Redis is down orders are placed and paid; deadline and emails wait in the outbox until it is back', async () => {
    // Port 1 refuses connections: this instance has no Redis at all.
    const down = await startApp({
      ...env,
      REDIS_URL: 'redis://127.0.0.1:1',
      REDIS_CLUSTER_NODES: undefined,
      ORDER_PAYMENT_TIMEOUT_SECONDS: '2',
    });
    let unpaid: Order;
    let paid: Order;
    let guest: Guest;
    let host: Host;
    try {
      const stays = await clients(down);
      host = await stays.host({ title: 'Offline loft' });
      guest = await stays.guest();
      unpaid = await stays.placed(guest.user.accessToken, host.homestay.id, day(30), day(31));
      paid = await stays.placed(guest.user.accessToken, host.homestay.id, day(31), day(33));
      const res = await stays.pay(guest.user.accessToken, paid.id, guest.account.id);
      expect(res.status).toBe(200);
      const [rows] = await db.query(
        'SELECT type, published_at FROM outbox WHERE aggregate_id IN (?) ORDER BY type',
        [[uuidToBuffer(unpaid.id), uuidToBuffer(paid.id)]],
      );
      expect(rows).toEqual([
        { type: 'stay.order-check-out-due', published_at: null },
        { type: 'stay.order-paid', published_at: null },
        { type: 'stay.order-payment-due', published_at: null },
        { type: 'stay.order-payment-due', published_at: null },
      ]);
    } finally {
      await down.close();
    }

    const up = await startApp({
      ...env,
      ORDER_PAYMENT_TIMEOUT_SECONDS: '2',
      ORDER_SWEEP_INTERVAL_SECONDS: '3600',
    });
    try {
      const stays = await clients(up);
      expect(await finalState(stays, guest.user.accessToken, unpaid.id)).toMatchObject({
        status: 'cancelled',
        cancelReason: 'payment_timeout',
      });
      expect(await processedBy('stay.cancel-unpaid-order', unpaid.id)).toBe(1);
      const mails = await eventually(
        async () => {
          const mine = readJsonl<OutboxMail>('email.jsonl').filter((m) => m.text.includes(paid.id));
          return mine.length >= 2 ? mine : undefined;
        },
        15_000,
        'the paid emails',
      );
      expect(mails.map((m) => m.to).sort()).toEqual([guest.user.email, host.user.email].sort());
      // Its check-out job (delivered at 00:00 UTC of checkOut) left the outbox for the queue too.
      await eventually(
        async () => {
          const [rows] = await db.query(
            'SELECT COUNT(*) AS n FROM outbox WHERE aggregate_id = ? AND published_at IS NULL',
            [uuidToBuffer(paid.id)],
          );
          return Number((rows as Array<{ n: number }>)[0].n) === 0 ? true : undefined;
        },
        15_000,
        `every outbox row of ${paid.id} published`,
      );
      // The paid order's own deadline job arrived too and changed nothing.
      expect(await stays.get(guest.user.accessToken, paid.id)).toMatchObject({
        status: 'paid',
        cancelReason: null,
      });
    } finally {
      await up.close();
    }
  });

  it('payment racing the deadline over many orders: exactly one outcome per order, money moves (into escrow) only for paid ones', async () => {
    // Two worker processes: delayed jobs and both instances' sweeps all compete with the payments.
    const appEnv = {
      ...env,
      ORDER_PAYMENT_TIMEOUT_SECONDS: '3',
      ORDER_SWEEP_INTERVAL_SECONDS: '1',
    };
    const [app, other] = await Promise.all([startApp(appEnv), startApp(appEnv)]);
    try {
      const stays = await clients(app);
      const N = 24;
      const FUNDING = 1_000_000;
      const hosts: Host[] = await pool(4, 4, (i) => stays.host({ pricePerNight: 1_000 + i }));
      const guests: Guest[] = await pool(N, 4, () => stays.guest('EUR', FUNDING));
      const hostStart = await Promise.all(
        hosts.map((h) => stays.bank.balance(h.user.accessToken, h.account.id)),
      );
      const escrowStart = await systemBalance(db, SYSTEM_ACCOUNT_IDS.escrow.EUR);
      const orders: Order[] = await pool(N, 8, (i) =>
        stays.placed(
          guests[i].user.accessToken,
          hosts[i % 4].homestay.id,
          day(20 + 2 * i),
          day(21 + 2 * i + (i % 2)),
        ),
      );

      // Each payment fires between 1.5 s before and 0.5 s after its own order's deadline. These
      // timers are the race under test (requests sent at chosen instants), not a wait for an
      // outcome: outcomes are awaited by finalState, and whichever side a late payment lands
      // on, its order must end consistent.
      const payments = await Promise.all(
        orders.map(async (o, i) => {
          const at = Date.parse(o.payBefore) - 1500 + Math.round((2000 * i) / (N - 1));
          await new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));
          return (i % 2 ? other.http : app.http).post(
            `/v1/orders/${o.id}/pay`,
            { accountId: guests[i].account.id },
            { token: guests[i].user.accessToken },
          );
        }),
      );
      const outcomes = tally(payments);
      expect(Object.keys(outcomes).sort()).toEqual(['200', '409 ORDER_NOT_PAYABLE']);

      let escrowIncome = 0;
      for (let i = 0; i < N; i++) {
        const done = await finalState(stays, guests[i].user.accessToken, orders[i].id);
        const balance = await stays.bank.balance(guests[i].user.accessToken, guests[i].account.id);
        if (payments[i].status === 200) {
          expect(done).toEqual({ ...payments[i].body });
          expect(done.status).toBe('paid');
          expect(await paymentsFor(db, orders[i].id)).toBe(1);
          expect(balance).toBe(FUNDING - orders[i].amount);
          escrowIncome += orders[i].amount;
        } else {
          expect(done).toMatchObject({
            status: 'cancelled',
            cancelReason: 'payment_timeout',
            transferId: null,
            paidAt: null,
          });
          expect(await paymentsFor(db, orders[i].id)).toBe(0);
          expect(balance).toBe(FUNDING);
        }
      }
      // Paid into escrow: the hosts are paid at check-in.
      expect(await systemBalance(db, SYSTEM_ACCOUNT_IDS.escrow.EUR)).toBe(
        escrowStart + escrowIncome,
      );
      for (let h = 0; h < 4; h++) {
        expect(await stays.bank.balance(hosts[h].user.accessToken, hosts[h].account.id)).toBe(
          hostStart[h],
        );
      }
      await expectLedgerBalanced(db);
    } finally {
      await Promise.all([app.close(), other.close()]);
    }
  });
});
