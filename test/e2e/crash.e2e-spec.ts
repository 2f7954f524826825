import type { Connection } from 'mysql2/promise';
import { HttpResponse, startApp, TestApp } from '../support/app';
import {
  adminEnv,
  Bank,
  loginAdmin,
  newKey,
  runLedgerCheck,
  transfersWithNote,
  uniqueNote,
} from '../support/bank';
import { connectDb } from '../support/db';
import { eventually } from '../support/outbox';
import { day, Guest, Host, Order, paymentsFor, Stays } from '../support/stay';

const FUNDING = 1_000_000;
const PRICE_PER_NIGHT = 1_000;
const TRANSFER_AMOUNT = 100;
const TRANSFERS_PER_GUEST = 3;

/** One idempotent request of the burst: what to send again after the crash. */
interface Planned {
  kind: 'pay' | 'transfer';
  key: string;
  send(app: TestApp): Promise<HttpResponse>;
  /** The order paid, or the transfer's unique note. */
  ref: string;
}

/**
 * API.md Resilience: "A crash (kill -9) at any moment loses no committed money movement and
 * applies none twice: a client that retries with the same Idempotency-Key gets exactly-once
 * effect." A burst of order payments and transfers, each with its own key, is cut by SIGKILL;
 * a new process then gets every request again with the same key.
 */
describe('kill -9 in the middle of payments and transfers', () => {
  const env = { ...adminEnv(), IDEMPOTENCY_CLAIM_TTL_SECONDS: '2' };
  let db: Connection;
  let first: TestApp;
  let second: TestApp | undefined;

  beforeAll(async () => {
    [first, db] = await Promise.all([startApp(env), connectDb()]);
  });
  afterAll(async () => {
    if (first && first.process.exitCode === null && first.process.signalCode === null)
      first.process.kill('SIGKILL');
    await second?.close();
    await db?.end();
  });

  it('every retried request takes effect exactly once; no committed one is lost; the ledger balances', async () => {
    const admin = await loginAdmin(first.http, env);
    const bank = new Bank(first.http, admin.accessToken);
    const stays = new Stays(first.http, bank);
    const hosts: Host[] = [];
    for (let i = 0; i < 10; i++) hosts.push(await stays.host({ pricePerNight: PRICE_PER_NIGHT }));
    const guests: Guest[] = [];
    for (let i = 0; i < 20; i++) guests.push(await stays.guest('EUR', FUNDING));
    // Two stays per homestay on different dates: 20 pending orders, 2 nights each.
    const orders: Order[] = await Promise.all(
      guests.map((g, i) =>
        stays.placed(
          g.user.accessToken,
          hosts[i % 10].homestay.id,
          day(10 + 4 * Math.floor(i / 10)),
          day(12 + 4 * Math.floor(i / 10)),
        ),
      ),
    );

    const planned: Planned[] = [];
    guests.forEach((g, i) => {
      const order = orders[i];
      const key = newKey('pay');
      planned.push({
        kind: 'pay',
        key,
        ref: order.id,
        send: (app) =>
          new Stays(app.http, bank).pay(g.user.accessToken, order.id, g.account.id, key),
      });
      // A ring of transfers: every guest sends as much as it receives.
      const to = guests[(i + 1) % guests.length];
      for (let n = 0; n < TRANSFERS_PER_GUEST; n++) {
        const tkey = newKey('tr');
        const note = uniqueNote('crash');
        const body = {
          fromAccountId: g.account.id,
          toAccountId: to.account.id,
          amount: TRANSFER_AMOUNT,
          currency: 'EUR',
          note,
        };
        planned.push({
          kind: 'transfer',
          key: tkey,
          ref: note,
          send: (app) =>
            new Bank(app.http, admin.accessToken).transfer(g.user.accessToken, body, tkey),
        });
      }
    });

    // The burst: kill the process once a few answers came back, with the rest in flight.
    const before: Array<HttpResponse | null> = planned.map(() => null);
    let answered = 0;
    const burst = Promise.all(
      planned.map((p, i) =>
        p.send(first).then(
          (res) => {
            before[i] = res;
            answered++;
          },
          () => undefined, // cut off by the crash
        ),
      ),
    );
    await eventually(async () => (answered >= 5 ? true : undefined), 20_000, 'first answers');
    first.process.kill('SIGKILL');
    await burst;
    const completed = before.filter((r) => r !== null && r.status < 300).length;
    expect(completed).toBeGreaterThanOrEqual(5);
    expect(completed).toBeLessThan(planned.length);

    second = await startApp(env);
    const app = second;
    // Claims of requests the crash cut off are taken over once IDEMPOTENCY_CLAIM_TTL_SECONDS passed.
    const after = await Promise.all(
      planned.map((p) =>
        eventually(
          async () => {
            const res = await p.send(app);
            return res.status === 409 && res.body.code === 'IDEMPOTENCY_IN_PROGRESS'
              ? undefined
              : res;
          },
          20_000,
          `retry of ${p.key}`,
        ),
      ),
    );

    for (const [i, p] of planned.entries()) {
      const res = after[i];
      expect(res.status).toBe(p.kind === 'pay' ? 200 : 201);
      const original = before[i];
      if (original && original.status < 300) {
        // Committed before the crash: the retry replays it, nothing runs twice.
        expect(res.headers.get('idempotent-replayed')).toBe('true');
        expect(res.body).toEqual(original.body);
      }
      if (p.kind === 'pay') {
        expect(await paymentsFor(db, p.ref)).toBe(1);
        expect(res.body.status).toBe('paid');
      } else {
        expect(await transfersWithNote(db, p.ref)).toEqual([res.body.id]);
      }
    }

    // Every guest paid its stay once and sent what it received; every host got its two stays.
    const stayPrice = 2 * PRICE_PER_NIGHT;
    for (const g of guests) {
      expect(
        await new Bank(app.http, admin.accessToken).balance(g.user.accessToken, g.account.id),
      ).toBe(FUNDING - stayPrice);
    }
    for (const h of hosts) {
      expect(
        await new Bank(app.http, admin.accessToken).balance(h.user.accessToken, h.account.id),
      ).toBe(2 * stayPrice);
    }
    const check = runLedgerCheck();
    expect(check.output).toContain('ledger:check OK');
    expect(check.code).toBe(0);
  });
});
