import { randomInt } from 'node:crypto';
import type { Connection } from 'mysql2/promise';
import { EMAIL_VERIFICATION_REQUESTED } from '@domain/identity/events/email-verification-requested.event';
import { startApp, TestApp } from '../support/app';
import { connectDb } from '../support/db';
import { PASSWORD, uniqueName } from '../support/factories';
import { eventually, OutboxMail, readJsonl, unpublishedOutboxRows } from '../support/outbox';
import { killNode, masterPortOf, startNode, waitForClusterOk } from '../support/redis-cluster';
import { untilEventsHandled } from '../support/wait';

const SUBSCRIBER = 'identity.send-verification-email';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * npm run test:redis-cluster only. Two API + worker instances under a steady stream of
 * registrations (each one an outbox event, a Bull job and a verification mail) while the master
 * holding the queues' slot is killed: its replica takes over, and every event is handled exactly
 * once (one dedupe mark, one mail) and Redis-backed requests answer again within 10 s.
 */
describe('Redis Cluster: the queue master dies under load', () => {
  let apps: TestApp[] = [];
  let db: Connection;
  let killedPort: number | undefined;

  beforeAll(async () => {
    apps = await Promise.all([
      startApp({ OUTBOX_POLL_INTERVAL_MS: '100' }),
      startApp({ OUTBOX_POLL_INTERVAL_MS: '100' }),
    ]);
    db = await connectDb();
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await db?.end();
    // The killed node rejoins as a replica, so the suites after this one find a full cluster.
    if (killedPort !== undefined) {
      startNode(killedPort);
      waitForClusterOk();
    }
  });

  it('loses no job, runs none twice, and serves Redis-backed requests again within 10 s', async () => {
    const registered: Array<{ id: string; email: string }> = [];
    const refused: number[] = [];
    let stop = false;
    const load = [0, 1, 2, 3].map(async (i) => {
      const http = apps[i % apps.length].http;
      while (!stop) {
        const username = uniqueName('fo');
        const email = `${username}@example.com`;
        const res = await http.post('/v1/users', {
          username,
          email,
          password: PASSWORD,
          fullName: 'Failover Test',
        });
        if (res.status === 201) registered.push({ id: res.body.id as string, email });
        else refused.push(res.status);
      }
    });

    await sleep(2000);
    const before = registered.length;
    killedPort = masterPortOf(`${process.env.REDIS_PREFIX}{bull}:events:id`);
    const killedAt = Date.now();
    killNode(killedPort);

    // OTP send keeps its code only in Redis (503 while the cluster cannot answer).
    const phone = `+1555${String(randomInt(1e7)).padStart(7, '0')}`;
    const backAfterMs = await eventually(
      async () => {
        const res = await apps[0].http.post('/v1/auth/otp/send', { phone });
        return res.status === 202 ? Date.now() - killedAt : undefined;
      },
      20_000,
      'OTP send answered after the failover',
    );
    await sleep(2000);
    stop = true;
    await Promise.all(load);

    expect(backAfterMs).toBeLessThan(10_000);
    expect(refused).toEqual([]);
    expect(registered.length).toBeGreaterThan(before);

    await eventually(
      async () => ((await unpublishedOutboxRows(db)) === 0 ? true : undefined),
      30_000,
      'every outbox row published',
    );
    for (const user of registered) {
      expect(
        await untilEventsHandled(db, user.id, EMAIL_VERIFICATION_REQUESTED, SUBSCRIBER, 30_000),
      ).toBe(1);
    }
    const mails = readJsonl<OutboxMail>('email.jsonl');
    const mailsTo = new Map<string, number>();
    for (const mail of mails) mailsTo.set(mail.to, (mailsTo.get(mail.to) ?? 0) + 1);
    const notOnce = registered.filter((u) => mailsTo.get(u.email) !== 1);
    expect(notOnce).toEqual([]);
  }, 120_000);
});
