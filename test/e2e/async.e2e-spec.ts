import Queue from 'bull';
import type { Connection } from 'mysql2/promise';
import { startApp, TestApp } from '../support/app';
import { adminEnv, Bank, loginAdmin, newKey } from '../support/bank';
import { newId } from '@domain/shared/uuid';
import { connectDb, uuidToBuffer } from '../support/db';
import { expectProblem, registerAndLogin } from '../support/factories';
import { eventually, metricValue, unpublishedOutboxRows, waitForMail } from '../support/outbox';
import { openQueue } from '../support/queue';
import { RedisServer } from '../support/redis-server';

/** Outbox rows of the bank's MoneyTransferred events for the given transfers, with publication state. */
async function outboxStateOf(
  db: Connection,
  transferIds: string[],
): Promise<Array<{ publishedAt: Date | null; attempts: number }>> {
  const [rows] = await db.query(
    `SELECT published_at AS publishedAt, attempts FROM outbox
     WHERE type = 'bank.money-transferred' AND aggregate_id IN (${transferIds.map(() => 'UNHEX(REPLACE(?, "-", ""))').join(', ')})`,
    transferIds,
  );
  return rows as Array<{ publishedAt: Date | null; attempts: number }>;
}

describe('Async backbone (outbox relay, queues, dashboard)', () => {
  let db: Connection;
  beforeAll(async () => {
    db = await connectDb();
  });
  afterAll(async () => {
    await db?.end();
  });

  describe('Redis outage', () => {
    const env = adminEnv();
    let redis: RedisServer;
    let app: TestApp;
    beforeAll(async () => {
      redis = await RedisServer.start();
      // A private single Redis to stop, also when the run is on a cluster (test:redis-cluster).
      app = await startApp({
        ...env,
        REDIS_URL: redis.url,
        REDIS_CLUSTER_NODES: undefined,
        OUTBOX_POLL_INTERVAL_MS: '100',
      });
    });
    afterAll(async () => {
      await app?.close();
      await redis?.stop();
    });

    it('keeps sign-in, token checks and the bank working, holds events in the outbox, and delivers them once Redis is back', async () => {
      const admin = await loginAdmin(app.http, env);
      const bank = new Bank(app.http, admin.accessToken);
      const { user, acc } = await bank.userWithAccounts({ USD: 10_000 });

      await redis.stop();
      // Identity and the ledger run from the database alone.
      const newcomer = await registerAndLogin(app.http);
      expect((await app.http.get('/v1/users/me', { token: newcomer.accessToken })).status).toBe(
        200,
      );
      const target = await bank.open(newcomer.accessToken, 'USD');
      const transfers: string[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await bank.transfer(
          user.accessToken,
          { fromAccountId: acc.USD!.id, toAccountId: target.id, amount: 100, currency: 'USD' },
          newKey(),
        );
        expect(res.status).toBe(201);
        transfers.push(res.body.id);
      }
      const deposit = await bank.deposit(target.id, 50);
      expect(deposit.status).toBe(201);
      transfers.push(deposit.body.id);
      expect(await bank.balance(newcomer.accessToken, target.id)).toBe(550);

      const ready = await app.http.get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.details.queue.status).toBe('down');
      expect(ready.body.details.database.status).toBe('up');

      const outageEnds = new Date();
      await redis.resume();
      const state = await eventually(
        async () => {
          const rows = await outboxStateOf(db, transfers);
          return rows.length === transfers.length && rows.every((r) => r.publishedAt !== null)
            ? rows
            : undefined;
        },
        20_000,
        'outbox rows published after Redis returned',
      );
      // The events waited in the outbox for the whole outage, however long the relay had: each
      // was published after Redis was back (app and test share this machine's clock), exactly
      // once, none skipped.
      for (const row of state)
        expect(row.publishedAt!.getTime()).toBeGreaterThanOrEqual(outageEnds.getTime());
      expect(state.map((r) => r.attempts)).toEqual(transfers.map(() => 1));
      // Work queued during the outage reaches its subscriber: the newcomer's verification email.
      const mail = await waitForMail(
        newcomer.email,
        (m) => m.text.includes('/verify-email?token='),
        20_000,
      );
      expect(mail.subject).toEqual(expect.any(String));
      await eventually(
        async () => ((await app.http.get('/health/ready')).status === 200 ? true : undefined),
        10_000,
        'ready again',
      );
    });
  });

  describe('a relay waiting on a hung Redis', () => {
    let redis: RedisServer;
    let app: TestApp;
    /** An event with a subscriber (so the relay has a job to hand over) whose handling is a no-op. */
    const insertEvent = (conn: Connection, id: string) =>
      conn.query(
        `INSERT INTO outbox (id, type, aggregate_id, payload, occurred_at) VALUES (?, 'interaction.article-reads-recorded', ?, '{"counts":{}}', NOW(3))`,
        [uuidToBuffer(id), uuidToBuffer(id)],
      );
    beforeAll(async () => {
      redis = await RedisServer.start();
      app = await startApp({
        REDIS_URL: redis.url,
        REDIS_CLUSTER_NODES: undefined,
        OUTBOX_POLL_INTERVAL_MS: '50',
      });
    });
    afterAll(async () => {
      redis?.thaw();
      await app?.close();
      await redis?.stop();
    });

    it('holds only the rows it claimed: business transactions keep inserting events meanwhile', async () => {
      await eventually(
        async () => ((await unpublishedOutboxRows(db)) === 0 ? true : undefined),
        15_000,
        'empty outbox',
      );
      redis.freeze();
      const claimed = newId();
      await insertEvent(db, claimed);
      const other = await connectDb();
      try {
        // The relay has claimed the row (FOR UPDATE) and now waits for Redis inside that transaction.
        await eventually(
          async () => {
            try {
              await other.query('SELECT id FROM outbox WHERE id = ? FOR UPDATE NOWAIT', [
                uuidToBuffer(claimed),
              ]);
              return undefined;
            } catch {
              return true;
            }
          },
          10_000,
          'the relay holding its claim',
        );
        // A new event lands right after the claimed one, where a REPEATABLE READ claim would
        // have gap-locked: it must not wait for the relay (1 s would fail it with a lock timeout).
        await other.query('SET SESSION innodb_lock_wait_timeout = 1');
        const next = newId();
        await expect(insertEvent(other, next)).resolves.toBeDefined();

        redis.thaw();
        await eventually(
          async () => ((await unpublishedOutboxRows(db)) === 0 ? true : undefined),
          20_000,
          'both rows published once Redis answers',
        );
      } finally {
        redis.thaw();
        await other.end();
      }
    });
  });

  describe('several relays at once', () => {
    const env = adminEnv();
    let apps: TestApp[] = [];
    afterAll(async () => {
      await Promise.all(apps.map((a) => a.close()));
    });

    it('publish every row exactly once between them (SKIP LOCKED claims)', async () => {
      // Let earlier suites' rows drain so the counters below only see this test's rows.
      await eventually(
        async () => ((await unpublishedOutboxRows(db)) === 0 ? true : undefined),
        15_000,
        'empty outbox',
      );
      // One API without workers produces events; two worker-enabled instances race to relay them.
      const producer = await startApp({ ...env, WORKERS_ENABLED: 'false' });
      const relays = await Promise.all([
        startApp({ OUTBOX_BATCH_SIZE: '5', OUTBOX_POLL_INTERVAL_MS: '20' }),
        startApp({ OUTBOX_BATCH_SIZE: '5', OUTBOX_POLL_INTERVAL_MS: '20' }),
      ]);
      apps = [producer, ...relays];
      const admin = await loginAdmin(producer.http, env);
      const bank = new Bank(producer.http, admin.accessToken);
      const { acc } = await bank.userWithAccounts({ EUR: 0 });
      // Registration writes an event too (identity.email-verification-requested): let it drain and count
      // only what the deposits publish.
      await eventually(
        async () => ((await unpublishedOutboxRows(db)) === 0 ? true : undefined),
        15_000,
        'registration event published',
      );
      const publishedBefore = await Promise.all(
        relays.map(async (r) =>
          metricValue((await r.http.get('/metrics')).text, 'outbox_events_published_total'),
        ),
      );
      // The database is shared by every suite of the run (some re-send rows on purpose, e.g.
      // search's duplicate-delivery test, and instances with a clock ahead write ids from the
      // future): judge only the rows that were not there before.
      const idsBefore = await db
        .query('SELECT HEX(id) AS id FROM outbox')
        .then(([r]) => new Set((r as Array<{ id: string }>).map((row) => row.id)));
      const deposits = await Promise.all(
        Array.from({ length: 120 }, () => bank.deposit(acc.EUR!.id, 1)),
      );
      expect(deposits.every((d) => d.status === 201)).toBe(true);

      await eventually(
        async () => ((await unpublishedOutboxRows(db)) === 0 ? true : undefined),
        20_000,
        'all rows published',
      );
      const [rows] = await db.query('SELECT HEX(id) AS id, attempts FROM outbox');
      const written = (rows as Array<{ id: string; attempts: number }>).filter(
        (row) => !idsBefore.has(row.id),
      );
      expect(written).toHaveLength(120);
      expect(written.every((row) => Number(row.attempts) === 1)).toBe(true);
      const counts = await Promise.all(
        relays.map(async (r) =>
          metricValue((await r.http.get('/metrics')).text, 'outbox_events_published_total'),
        ),
      );
      const deltas = counts.map((c, i) => c - publishedBefore[i]);
      expect(deltas[0] + deltas[1]).toBe(120);
      // Both took part: with batches of 5 neither can have drained 120 rows alone in one go.
      expect(deltas.every((c) => c > 0)).toBe(true);
      expect(
        metricValue((await producer.http.get('/metrics')).text, 'outbox_events_published_total'),
      ).toBe(0);
    });
  });

  describe('dead-letter queue', () => {
    let app: TestApp;
    let events: Queue.Queue;
    let deadLetters: Queue.Queue;
    beforeAll(async () => {
      app = await startApp({ QUEUE_BACKOFF_MS: '50' });
      // The app's queues, opened from outside as another producer would.
      events = openQueue('events');
      deadLetters = openQueue('dead-letter');
    });
    afterAll(async () => {
      await Promise.all([events?.close(), deadLetters?.close()]);
      await app?.close();
    });

    it('records a job that exhausted its attempts (with exponential backoff) and keeps it retryable in the failed list', async () => {
      // A job whose subscriber no longer exists in this release can never succeed.
      const jobId = `gone.subscriber:${newKey('evt')}`;
      const data = {
        id: '01900000-0000-7000-8000-00000000b001',
        type: 'test.event',
        aggregateId: '01900000-0000-7000-8000-00000000b002',
        occurredAt: new Date().toISOString(),
        deliverAt: null,
        payload: { n: 1 },
      };
      await events.add('gone.subscriber', data, {
        jobId,
        attempts: 3,
        backoff: { type: 'exponential', delay: 50 },
        removeOnFail: false,
      });

      const dead = await eventually(
        async () => (await deadLetters.getJob(jobId)) ?? undefined,
        15_000,
        'dead-letter record',
      );
      expect(dead.data).toEqual(
        expect.objectContaining({
          queue: 'events',
          jobId,
          subscriber: 'gone.subscriber',
          event: data,
          attemptsMade: 3,
          error: expect.stringContaining('no subscriber named gone.subscriber'),
        }),
      );
      const failed = await events.getJob(jobId);
      expect(failed?.attemptsMade).toBe(3);
      expect(await failed?.isFailed()).toBe(true);
      const text = (await app.http.get('/metrics')).text;
      expect(
        metricValue(text, 'queue_jobs', { queue: 'dead-letter', state: 'waiting' }),
      ).toBeGreaterThanOrEqual(1);
      expect(
        metricValue(text, 'queue_jobs', { queue: 'events', state: 'failed' }),
      ).toBeGreaterThanOrEqual(1);
    });
  });

  describe('retention', () => {
    it('purges published outbox rows and dedupe marks past OUTBOX_RETENTION_HOURS, never unpublished rows', async () => {
      const old = new Date(Date.now() - 3 * 3600_000);
      const ids = [
        '01900000-0000-7000-8000-00000000a001',
        '01900000-0000-7000-8000-00000000a002',
        '01900000-0000-7000-8000-00000000a003',
      ];
      const bin = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
      await db.query(
        `INSERT INTO outbox (id, type, aggregate_id, payload, occurred_at, published_at) VALUES
         (?, 'test.old-published', ?, '{}', ?, ?), (?, 'test.recent-published', ?, '{}', ?, ?),
         (?, 'test.old-unpublished', ?, '{}', ?, NULL)`,
        [
          bin(ids[0]),
          bin(ids[0]),
          old,
          old,
          bin(ids[1]),
          bin(ids[1]),
          new Date(),
          new Date(),
          bin(ids[2]),
          bin(ids[2]),
          old,
        ],
      );
      await db.query(
        'INSERT INTO processed_events (subscriber, event_id, processed_at) VALUES (?, ?, ?), (?, ?, ?)',
        ['test.old', bin(ids[0]), old, 'test.recent', bin(ids[1]), new Date()],
      );
      // A worker purges when it starts, then every minute.
      const app = await startApp({ OUTBOX_RETENTION_HOURS: '2' });
      try {
        // The purge deletes old rows, then old marks, in two transactions: wait for both.
        await eventually(
          async () => {
            const [rows] = await db.query(
              `SELECT (SELECT COUNT(*) FROM outbox WHERE id = ?) +
                      (SELECT COUNT(*) FROM processed_events WHERE subscriber = 'test.old') AS n`,
              [bin(ids[0])],
            );
            return Number((rows as Array<{ n: number }>)[0].n) === 0 ? true : undefined;
          },
          10_000,
          'old published row and old mark purged',
        );
        const [kept] = await db.query('SELECT type FROM outbox WHERE id IN (?, ?) ORDER BY id', [
          bin(ids[1]),
          bin(ids[2]),
        ]);
        expect(kept).toEqual([{ type: 'test.recent-published' }, { type: 'test.old-unpublished' }]);
        const [marks] = await db.query(
          "SELECT subscriber FROM processed_events WHERE subscriber LIKE 'test.%'",
        );
        expect(marks).toEqual([{ subscriber: 'test.recent' }]);
      } finally {
        await app.close();
      }
    });
  });

  describe('queue dashboard and observability', () => {
    const env = adminEnv();
    let app: TestApp;
    beforeAll(async () => {
      app = await startApp(env);
    });
    afterAll(async () => {
      await app?.close();
    });

    it('/admin/queues is for admins only, through the API authentication (Bearer or cookie)', async () => {
      expectProblem(await app.http.get('/admin/queues'), 401, 'UNAUTHENTICATED');
      expectProblem(await app.http.get('/admin/queues/api/queues'), 401, 'UNAUTHENTICATED');
      expectProblem(
        await app.http.get('/admin/queues', { token: 'not.a.jwt' }),
        401,
        'UNAUTHENTICATED',
      );
      const user = await registerAndLogin(app.http);
      expectProblem(
        await app.http.get('/admin/queues', { token: user.accessToken }),
        403,
        'FORBIDDEN',
      );

      const admin = await loginAdmin(app.http, env);
      const page = await app.http.get('/admin/queues', { token: admin.accessToken });
      expect(page.status).toBe(200);
      expect(page.text).toContain('Atrium queues');
      const api = await app.http.get('/admin/queues/api/queues', {
        headers: { cookie: `atrium_access_token=${admin.accessToken}` },
      });
      expect(api.status).toBe(200);
      expect(api.body.queues.map((q: { name: string }) => q.name).sort()).toEqual([
        'dead-letter',
        'events',
        'sandbox-webhooks',
      ]);

      // A logged-out admin's token stops opening it at once.
      expect(
        (await app.http.post('/v1/auth/logout', undefined, { token: admin.accessToken })).status,
      ).toBe(204);
      expectProblem(
        await app.http.get('/admin/queues', { token: admin.accessToken }),
        401,
        'UNAUTHENTICATED',
      );
    });

    it('/admin/queues is inside the per-IP rate limit, sharing the API budget (RATE_LIMIT_PER_MINUTE=5)', async () => {
      // its own Redis prefix, so no other app of this run counts toward this budget
      const limited = await startApp({
        ...env,
        RATE_LIMIT_PER_MINUTE: '5',
        REDIS_PREFIX: `${process.env.REDIS_PREFIX}dashrl:`,
      });
      try {
        for (let i = 0; i < 4; i++) {
          expectProblem(await limited.http.get('/admin/queues'), 401, 'UNAUTHENTICATED');
        }
        expectProblem(
          await limited.http.post('/v1/auth/refresh', { refreshToken: 'unknown' }),
          401,
          'UNAUTHENTICATED',
        );
        // The 6th request of the minute, whatever the route: refused before any token check.
        for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
          const res = await limited.http.get(path, { token: 'not.a.jwt' });
          expectProblem(res, 429, 'RATE_LIMITED');
          expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
          expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(60);
        }
        expectProblem(
          await limited.http.post('/v1/auth/refresh', { refreshToken: 'unknown' }),
          429,
          'RATE_LIMITED',
        );
      } finally {
        await limited.close();
      }
    });

    it('/metrics has queue depth gauges and the outbox backlog; /health/ready checks the queue connection', async () => {
      const text = (await app.http.get('/metrics')).text;
      for (const queue of ['events', 'dead-letter', 'sandbox-webhooks']) {
        for (const state of ['waiting', 'active', 'failed', 'delayed']) {
          expect(metricValue(text, 'queue_jobs', { queue, state })).toBeGreaterThanOrEqual(0);
        }
      }
      expect(metricValue(text, 'outbox_unpublished_rows')).toBeGreaterThanOrEqual(0);
      const ready = await app.http.get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.details.queue.status).toBe('up');
    });
  });
});
