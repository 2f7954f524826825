import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Connection, createConnection } from 'mysql2/promise';
import { startApp, TestApp } from '../support/app';
import { adminEnv, Bank, loginAdmin } from '../support/bank';
import { expectProblem, PASSWORD, registerAndLogin, uniqueName } from '../support/factories';
import { replicatedMariaDb } from '../support/mariadb-replication';
import { eventually } from '../support/outbox';
import { homestayBody, Stays } from '../support/stay';
import { baseTestEnv } from '../support/test-env';

/**
 * The app over a local MariaDB primary (3511) and its GTID replica (3512), DB_REPLICA_HOSTS set:
 * everything reads the primary, so sign-in, sessions, the profile and money stay correct while the
 * replica lags; only the declared lag-tolerant reads (here the homestay list) see the lag; and a
 * dead replica's reads go to the primary. `npm run test:replicas` (not part of `npm test`); the
 * servers are started and removed by this suite's globalSetup/globalTeardown.
 */
describe('MySQL/MariaDB read replicas', () => {
  const runId = process.env.REPLICATION_RUN_ID!;
  const db = replicatedMariaDb(JSON.parse(process.env.REPLICATION_SETUP!));
  const admin = adminEnv();
  const outboxDir = join(__dirname, '..', '..', 'var', `replicas-${runId}`);
  let t: TestApp;
  let bank: Bank;
  let stays: Stays;
  let replicaRoot: Connection;

  beforeAll(async () => {
    t = await startApp({
      ...baseTestEnv(),
      ...admin,
      DB_HOST: '127.0.0.1',
      DB_PORT: String(db.primaryPort),
      DB_USER: 'atrium',
      DB_PASSWORD: 'atrium',
      DB_NAME: db.database,
      DB_REPLICA_HOSTS: `127.0.0.1:${db.replicaPort}`,
      // The migrations too go through the replicated data source: they must run on the primary.
      DB_MIGRATE_ON_START: 'true',
      REDIS_PREFIX: `atrium-replicas-${runId}:`,
      OUTBOX_DIR: outboxDir,
    });
    bank = new Bank(t.http, (await loginAdmin(t.http, admin)).accessToken);
    stays = new Stays(t.http, bank);
    replicaRoot = await db.rootOnReplica();
  }, 180_000);

  afterAll(async () => {
    await replicaRoot?.end().catch(() => undefined);
    await t?.close();
    rmSync(outboxDir, { recursive: true, force: true });
    const redis = new Redis(baseTestEnv().REDIS_URL);
    const keys = await redis.keys(`atrium-replicas-${runId}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  }, 60_000);

  async function replicaHasUser(username: string): Promise<boolean> {
    const [rows] = await replicaRoot.query(
      `SELECT 1 FROM \`${db.database}\`.users WHERE username = ?`,
      [username],
    );
    return (rows as unknown[]).length > 0;
  }

  async function homestayIdsIn(city: string): Promise<string[]> {
    const res = await t.http.get(`/v1/homestays?city=${encodeURIComponent(city)}&limit=100`);
    expect(res.status).toBe(200);
    return res.body.items.map((h: { id: string }) => h.id);
  }

  const login = (login: string, password: string) =>
    t.http.post('/v1/auth/login', { login, password });

  describe('under replica lag (STOP SLAVE SQL_THREAD)', () => {
    const city = uniqueName('Lagos');
    let before: string;
    let during: string;

    beforeAll(async () => {
      const host = await stays.host({ city });
      before = host.homestay.id;
      await db.caughtUp();
      expect(await homestayIdsIn(city)).toEqual([before]);
      await replicaRoot.query('STOP SLAVE SQL_THREAD');
    });

    afterAll(async () => {
      await replicaRoot.query('START SLAVE SQL_THREAD');
    });

    it('a new user signs in and reads and edits their profile (/users/me) at once', async () => {
      const u = await registerAndLogin(t.http);
      // The replica has not applied the registration: these answers came from the primary.
      expect(await replicaHasUser(u.username)).toBe(false);
      const me = await t.http.get('/v1/users/me', { token: u.accessToken });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: u.id, username: u.username, email: u.email });
      const edited = await t.http.patch(
        '/v1/users/me',
        { fullName: 'Lagging Replica' },
        { token: u.accessToken },
      );
      expect(edited.status).toBe(200);
      const again = await t.http.get('/v1/users/me', { token: u.accessToken });
      expect(again.body.fullName).toBe('Lagging Replica');
    });

    it('sessions: refresh rotates, logout ends the session, a password change takes effect at once', async () => {
      const u = await registerAndLogin(t.http);
      const refreshed = await t.http.post('/v1/auth/refresh', { refreshToken: u.refreshToken });
      expect(refreshed.status).toBe(200);
      const token = refreshed.body.accessToken;
      expect((await t.http.get('/v1/users/me', { token })).status).toBe(200);
      // The old refresh token is spent: replaying it is refused.
      expectProblem(
        await t.http.post('/v1/auth/refresh', { refreshToken: u.refreshToken }),
        401,
        'UNAUTHENTICATED',
      );

      const session = await login(u.username, PASSWORD);
      expect(session.status).toBe(200);
      const newPassword = 'lagging-replica-77';
      const changed = await t.http.post(
        '/v1/users/me/password',
        { currentPassword: PASSWORD, newPassword },
        { token: session.body.accessToken },
      );
      expect(changed.status).toBe(204);
      expectProblem(await login(u.username, PASSWORD), 401, 'INVALID_CREDENTIALS');
      const signedIn = await login(u.username, newPassword);
      expect(signedIn.status).toBe(200);

      const out = await t.http.post('/v1/auth/logout', undefined, {
        token: signedIn.body.accessToken,
      });
      expect(out.status).toBe(204);
      expectProblem(
        await t.http.get('/v1/users/me', { token: signedIn.body.accessToken }),
        401,
        'UNAUTHENTICATED',
      );
      expect(await replicaHasUser(u.username)).toBe(false);
    });

    it('every money read (accounts, account, entries, transfer) shows the latest writes', async () => {
      const { user: alice, acc: a } = await bank.userWithAccounts({ EUR: 10_000 });
      const { user: bob, acc: b } = await bank.userWithAccounts({ EUR: 0 });
      const sent = await bank.transfer(
        alice.accessToken,
        { fromAccountId: a.EUR!.id, toAccountId: b.EUR!.id, amount: 2_500, currency: 'EUR' },
        `k-${randomBytes(8).toString('hex')}`,
      );
      expect(sent.status).toBe(201);

      const accounts = await t.http.get('/v1/accounts', { token: alice.accessToken });
      expect(accounts.status).toBe(200);
      expect(accounts.body.items.map((x: { balance: number }) => x.balance)).toEqual([7_500]);
      expect(await bank.balance(alice.accessToken, a.EUR!.id)).toBe(7_500);
      expect(await bank.balance(bob.accessToken, b.EUR!.id)).toBe(2_500);
      const entries = await bank.allEntries(alice.accessToken, a.EUR!.id);
      expect(entries.map((e) => e.amount)).toEqual([-2_500, 10_000]);
      const transfer = await t.http.get(`/v1/transfers/${sent.body.id}`, {
        token: alice.accessToken,
      });
      expect(transfer.status).toBe(200);
      expect(transfer.body).toMatchObject({ id: sent.body.id, amount: 2_500 });
      expect(await replicaHasUser(alice.username)).toBe(false);
    });

    it('a declared lag-tolerant read (the homestay list) may be stale; the detail is not', async () => {
      const host = await bank.user();
      await bank.open(host.accessToken, 'EUR');
      const created = await stays.createHomestay(host.accessToken, homestayBody({ city }));
      expect(created.status).toBe(201);
      during = created.body.id;
      expect((await t.http.get(`/v1/homestays/${during}`)).status).toBe(200);
      expect(await homestayIdsIn(city)).toEqual([before]);

      await replicaRoot.query('START SLAVE SQL_THREAD');
      await db.caughtUp();
      expect(await homestayIdsIn(city)).toEqual([during, before]);
      await replicaRoot.query('STOP SLAVE SQL_THREAD');
    });
  });

  describe('with the replica down', () => {
    beforeAll(async () => {
      await db.caughtUp();
      await replicaRoot.end();
      process.kill(db.replicaPid, 'SIGKILL');
      await eventually(
        () =>
          createConnection({ host: '127.0.0.1', port: db.replicaPort, user: 'atrium' }).then(
            (c) => void c.destroy(),
            () => true,
          ),
        10_000,
        'the replica gone',
      );
    });

    it('requests still succeed: lag-tolerant reads fall back to the primary', async () => {
      const city = uniqueName('Down');
      const host = await stays.host({ city });
      // Several times: the pooled replica connections fail first, then the replica is offline.
      for (let i = 0; i < 5; i++) {
        expect(await homestayIdsIn(city)).toEqual([host.homestay.id]);
        expect((await t.http.get('/v1/feed')).status).toBe(200);
      }
      // They were sent to the replica first: the fallback answered them.
      const log = readFileSync(
        join(__dirname, '..', '..', 'var', 'e2e-logs', `app-${new URL(t.baseUrl).port}.log`),
        'utf8',
      );
      expect(log).toContain('A replica read failed, reading the primary instead');
      const u = await registerAndLogin(t.http);
      expect((await t.http.get('/v1/users/me', { token: u.accessToken })).status).toBe(200);
      const { user, acc } = await bank.userWithAccounts({ USD: 1_000 });
      expect(await bank.balance(user.accessToken, acc.USD!.id)).toBe(1_000);
    });
  });
});
