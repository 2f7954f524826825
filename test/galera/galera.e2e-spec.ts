import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Connection, createConnection } from 'mysql2/promise';
import { startApp, TestApp } from '../support/app';
import {
  adminEnv,
  Bank,
  expectLedgerBalanced,
  loginAdmin,
  pool,
  scalar,
  SYSTEM_ACCOUNT_IDS,
  systemBalance,
  tally,
} from '../support/bank';
import { connectDb, uuidToBuffer } from '../support/db';
import { GaleraCluster, startGaleraCluster } from '../support/galera-cluster';
import { eventually } from '../support/outbox';
import { deleteKeysMatching, testRedis } from '../support/redis';
import { day, Guest, Host, Order, paymentsFor, Stays } from '../support/stay';
import { baseTestEnv } from '../support/test-env';

/**
 * Atrium on a 3-node Galera cluster (multi-primary), two API instances (both running workers)
 * on two different nodes. A lock that is only read holds on one node; only written rows are
 * certified across nodes, and a transaction that loses certification fails as a deadlock and
 * is retried by the unit of work. These tests prove the concurrency rules still hold.
 *
 * Ports (this suite's own): MariaDB 3521-3523, gcomm 4571-4573, IST 4581-4583, SST 4591-4593.
 * `npm run test:galera`; not part of `npm test`.
 */
const RUN_ID = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const CLUSTER_DIR = `/tmp/gal-e2e-${RUN_ID}`;
const NODES = [1, 2, 3].map((i) => ({
  sql: 3520 + i,
  gcomm: 4570 + i,
  ist: 4580 + i,
  sst: 4590 + i,
}));

describe('Galera multi-primary: API instances on different nodes', () => {
  let cluster: GaleraCluster | undefined;
  let onFirst: TestApp | undefined;
  let onSecond: TestApp | undefined;
  let db: Connection;
  let stays: Stays;
  let bank: Bank;
  let otherBank: Bank;
  const env = {
    ...adminEnv(),
    // Short deadlines for the pay-vs-timeout race; a fast sweep competes with the delayed jobs.
    ORDER_PAYMENT_TIMEOUT_SECONDS: '3',
    ORDER_SWEEP_INTERVAL_SECONDS: '1',
    DB_MIGRATE_ON_START: 'true',
  };

  beforeAll(async () => {
    cluster = await startGaleraCluster(CLUSTER_DIR, NODES);
    const dbName = `atrium_galera_${RUN_ID}`;
    Object.assign(process.env, baseTestEnv(), {
      DB_HOST: '127.0.0.1',
      DB_PORT: String(NODES[0].sql),
      DB_USER: 'root',
      DB_PASSWORD: '',
      DB_NAME: dbName,
      REDIS_PREFIX: `atrium-galera-${RUN_ID}:`,
      OUTBOX_DIR: join(__dirname, '..', '..', 'var', `galera-${RUN_ID}`),
    });
    const admin = await createConnection({
      host: '127.0.0.1',
      port: NODES[0].sql,
      user: 'root',
      password: '',
    });
    await admin.query(
      `CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    await admin.end();

    // Both instances migrate the empty database at once, each through its own node: the
    // migration_lock lease lets one run them and the other find nothing pending.
    [onFirst, onSecond] = await Promise.all([
      startApp({ ...env, DB_PORT: String(NODES[0].sql) }),
      startApp({ ...env, DB_PORT: String(NODES[1].sql) }),
    ]);
    db = await connectDb();
    const [a, b] = await Promise.all([
      loginAdmin(onFirst.http, env),
      loginAdmin(onSecond.http, env),
    ]);
    bank = new Bank(onFirst.http, a.accessToken);
    otherBank = new Bank(onSecond.http, b.accessToken);
    stays = new Stays(onFirst.http, bank);
  }, 240_000);

  afterAll(async () => {
    await Promise.allSettled([onFirst?.close(), onSecond?.close(), db?.end()]);
    await cluster?.stop();
    rmSync(process.env.OUTBOX_DIR ?? join(__dirname, 'none'), { recursive: true, force: true });
    if (process.env.REDIS_PREFIX) {
      const redis = testRedis();
      await deleteKeysMatching(redis, `${process.env.REDIS_PREFIX}*`);
      await redis.quit();
    }
  }, 120_000);

  it('migrations ran once although both instances started migrating together on different nodes', async () => {
    const [rows] = await db.query('SELECT name, COUNT(*) AS n FROM migrations GROUP BY name');
    const counts = rows as Array<{ name: string; n: number }>;
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.filter((r) => Number(r.n) !== 1)).toEqual([]);
    expect(await scalar(db, 'SELECT COUNT(*) FROM migration_lock')).toBe(0);
  });

  it('no double booking over 30 rounds: overlapping orders sent to both nodes → exactly one 201 per round', async () => {
    const ROUNDS = 30;
    const PER_ROUND = 4;
    const hosts: Host[] = await pool(ROUNDS, 4, () => stays.host());
    const guests: Guest[] = await pool(ROUNDS * PER_ROUND, 6, () => stays.guest('EUR', 0));
    for (let round = 0; round < ROUNDS; round++) {
      const homestay = hosts[round].homestay;
      const results = await Promise.all(
        Array.from({ length: PER_ROUND }, (_, i) =>
          (i % 2 ? onSecond! : onFirst!).http.post(
            '/v1/orders',
            { homestayId: homestay.id, checkIn: day(40 + (i % 2)), checkOut: day(44), guests: 1 },
            { token: guests[round * PER_ROUND + i].user.accessToken },
          ),
        ),
      );
      expect({ round, outcomes: tally(results) }).toEqual({
        round,
        outcomes: { '201': 1, '409 DATES_UNAVAILABLE': PER_ROUND - 1 },
      });
      expect(
        await scalar(
          db,
          "SELECT COUNT(*) FROM orders WHERE homestay_id = ? AND status <> 'cancelled'",
          [uuidToBuffer(homestay.id)],
        ),
      ).toBe(1);
    }
  }, 600_000);

  it('MAX_PENDING_ORDERS holds across nodes: 12 parallel orders by one guest on both nodes → exactly 3 placed', async () => {
    const hosts: Host[] = await pool(12, 4, () => stays.host());
    const guest = await stays.guest('EUR', 0);
    const results = await Promise.all(
      hosts.map((h, i) =>
        (i % 2 ? onSecond! : onFirst!).http.post(
          '/v1/orders',
          { homestayId: h.homestay.id, checkIn: day(60), checkOut: day(61), guests: 1 },
          { token: guest.user.accessToken },
        ),
      ),
    );
    expect(tally(results)).toEqual({ '201': 3, '422 PENDING_ORDER_LIMIT': 9 });
  }, 300_000);

  it('opposite transfers through different nodes conserve money: every transfer applied once, ledger balanced', async () => {
    const a = await bank.userWithAccounts({ USD: 1_000_000 });
    const b = await bank.userWithAccounts({ USD: 1_000_000 });
    const N = 40;
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        i % 2
          ? otherBank.transfer(b.user.accessToken, {
              fromAccountId: b.acc.USD!.id,
              toAccountId: a.acc.USD!.id,
              amount: 100 + i,
              currency: 'USD',
            })
          : bank.transfer(a.user.accessToken, {
              fromAccountId: a.acc.USD!.id,
              toAccountId: b.acc.USD!.id,
              amount: 100 + i,
              currency: 'USD',
            }),
      ),
    );
    expect(tally(results)).toEqual({ '201': N });
    let aToB = 0;
    let bToA = 0;
    for (let i = 0; i < N; i++) {
      if (i % 2) bToA += 100 + i;
      else aToB += 100 + i;
    }
    expect(await bank.balance(a.user.accessToken, a.acc.USD!.id)).toBe(1_000_000 - aToB + bToA);
    expect(await otherBank.balance(b.user.accessToken, b.acc.USD!.id)).toBe(
      1_000_000 - bToA + aToB,
    );
    await expectLedgerBalanced(db);
  }, 300_000);

  it('payment racing the deadline on different nodes: exactly one outcome per order, money moves (into escrow) only for paid ones', async () => {
    const N = 16;
    const FUNDING = 1_000_000;
    const hosts: Host[] = await pool(4, 4, (i) => stays.host({ pricePerNight: 1_000 + i }));
    const guests: Guest[] = await pool(N, 4, () => stays.guest('EUR', FUNDING));
    const hostStart = await Promise.all(
      hosts.map((h) => bank.balance(h.user.accessToken, h.account.id)),
    );
    const escrowStart = await systemBalance(db, SYSTEM_ACCOUNT_IDS.escrow.EUR);
    const orders: Order[] = await pool(N, 8, (i) =>
      stays.placed(
        guests[i].user.accessToken,
        hosts[i % 4].homestay.id,
        day(20 + 2 * i),
        day(21 + 2 * i),
      ),
    );
    // Each payment fires between 1.5 s before and 0.5 s after its own order's deadline: these
    // timers are the race under test, not a wait for an outcome (finalState awaits those).
    const payments = await Promise.all(
      orders.map(async (o, i) => {
        const at = Date.parse(o.payBefore) - 1500 + Math.round((2000 * i) / (N - 1));
        await new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));
        return (i % 2 ? onSecond! : onFirst!).http.post(
          `/v1/orders/${o.id}/pay`,
          { accountId: guests[i].account.id },
          { token: guests[i].user.accessToken },
        );
      }),
    );
    expect(
      Object.keys(tally(payments)).every((k) => k === '200' || k === '409 ORDER_NOT_PAYABLE'),
    ).toBe(true);

    let escrowIncome = 0;
    for (let i = 0; i < N; i++) {
      const done = await eventually(
        async () => {
          const o = await stays.get(guests[i].user.accessToken, orders[i].id);
          return o.status === 'pending_payment' ? undefined : o;
        },
        20_000,
        `order ${orders[i].id} to leave pending_payment`,
      );
      const balance = await bank.balance(guests[i].user.accessToken, guests[i].account.id);
      if (payments[i].status === 200) {
        expect(done.status).toBe('paid');
        expect(await paymentsFor(db, orders[i].id)).toBe(1);
        expect(balance).toBe(FUNDING - orders[i].amount);
        escrowIncome += orders[i].amount;
      } else {
        expect(done).toMatchObject({ status: 'cancelled', cancelReason: 'payment_timeout' });
        expect(await paymentsFor(db, orders[i].id)).toBe(0);
        expect(balance).toBe(FUNDING);
      }
    }
    // Paid into escrow: the hosts are paid at check-in.
    expect(await systemBalance(db, SYSTEM_ACCOUNT_IDS.escrow.EUR)).toBe(escrowStart + escrowIncome);
    for (let h = 0; h < 4; h++) {
      expect(await bank.balance(hosts[h].user.accessToken, hosts[h].account.id)).toBe(hostStart[h]);
    }
    await expectLedgerBalanced(db);
  }, 300_000);
});
