import Redis from 'ioredis';
import { RedisLease } from '@infra/redis/redis-lease';
import { startApp, TestApp } from '../support/app';
import { adminEnv, loginAdmin } from '../support/bank';
import { Content } from '../support/content';
import { RegisteredUser } from '../support/factories';
import { eventually } from '../support/outbox';
import { RedisServer } from '../support/redis-server';
import { untilRedisKeyGone } from '../support/wait';

/** Content and ranking while Redis (cache, lock service, queue transport) is down. */
describe('Content with Redis down', () => {
  let redis: RedisServer;
  let t: TestApp;
  let c: Content;
  let admin: { accessToken: string };
  let author: RegisteredUser;
  let reader: RegisteredUser;
  const env = adminEnv();

  beforeAll(async () => {
    redis = await RedisServer.start();
    t = await startApp({ ...env, REDIS_URL: redis.url });
    admin = await loginAdmin(t.http, env);
    c = new Content(t.http);
    [author, reader] = await Promise.all([c.user(), c.user()]);
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  it('GET /v1/ranking keeps serving the last good list; the feed falls back to the database; reads wait in the outbox', async () => {
    const likers = await Promise.all(Array.from({ length: 4 }, () => c.user()));
    const arts: any[] = [];
    for (const likes of [2, 4, 1]) {
      const a = await c.published(author.accessToken);
      await Promise.all(likers.slice(0, likes).map((l) => c.like(l.accessToken, a.id)));
      arts.push(a);
    }
    const refreshed = await t.http.post('/v1/admin/ranking/refresh?limit=100', undefined, {
      token: admin.accessToken,
    });
    expect(refreshed.status).toBe(200);
    // Other suites of the run share the database: look at this test's articles only.
    const mine = (body: any) =>
      body.items
        .map((i: any) => i.article.id)
        .filter((id: string) => arts.some((a) => a.id === id));
    expect(mine(refreshed.body)).toEqual([arts[1].id, arts[0].id, arts[2].id]);
    const readsBefore = (await c.feedItem(arts[0].id)).body.stats.reads;

    await redis.stop();

    const during = await t.http.get('/v1/ranking?limit=100');
    expect(during.status).toBe(200);
    expect(during.body).toEqual(refreshed.body);
    // Cache failures degrade to the database, never to an error.
    const detail = await c.feedItem(arts[0].id, reader.accessToken);
    expect(detail.status).toBe(200);
    expect(detail.body).toEqual(
      expect.objectContaining({
        id: arts[0].id,
        stats: expect.objectContaining({ likes: 2 }),
        liked: false,
      }),
    );
    expect((await c.like(reader.accessToken, arts[0].id)).status).toBe(204);
    expect((await c.feedItem(arts[0].id)).body.stats.likes).toBe(3);
    const created = await c.create(author.accessToken);
    expect(created.status).toBe(201);
    expect((await c.publish(author.accessToken, created.body.id)).status).toBe(200);
    expect((await t.http.get('/v1/feed?limit=1')).body.items[0].id).toBe(created.body.id);
    expect(
      (await t.http.get('/v1/articles?limit=1', { token: author.accessToken })).body.items[0].id,
    ).toBe(created.body.id);
    for (let i = 0; i < 3; i++) expect((await t.http.get('/v1/ranking')).status).toBe(200);

    await redis.resume();

    // The reads made during the outage (1 + 1 + 1 above) were flushed to the outbox and are
    // applied once the queue is back.
    await eventually(
      async () => {
        const res = await c.feedItem(arts[0].id);
        return res.body.stats.reads >= readsBefore + 3 ? true : undefined;
      },
      30_000,
      'reads from the outage applied',
    );
  });

  it('a process that starts while Redis is down computes the ranking from the database', async () => {
    // Port 1 refuses connections: no memory, no Redis, so the list comes from the database.
    const cold = await startApp({ REDIS_URL: 'redis://127.0.0.1:1', WORKERS_ENABLED: 'false' });
    try {
      const res = await cold.http.get('/v1/ranking?limit=100');
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeGreaterThanOrEqual(3);
      const scores = res.body.items.map((i: any) => i.score);
      expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
    } finally {
      await cold.close();
    }
  });

  it('the scheduler recomputes on its own (workers only) and every instance serves the list from Redis', async () => {
    await redis.resume();
    const [scheduler, apiOnly] = await Promise.all([
      startApp({ REDIS_URL: redis.url, RANKING_INTERVAL_SECONDS: '1' }),
      startApp({ REDIS_URL: redis.url, RANKING_INTERVAL_SECONDS: '1', WORKERS_ENABLED: 'false' }),
    ]);
    try {
      const a = await c.published(author.accessToken);
      const likers = await Promise.all(Array.from({ length: 30 }, () => c.user()));
      await Promise.all(likers.map((l) => c.like(l.accessToken, a.id)));
      // A computation may run while the likes arrive: wait for one that saw all of them.
      const hasAllLikes = (body: any) =>
        body.items[0]?.article.id === a.id && body.items[0].article.stats.likes === 30;
      const top = await eventually(
        async () => {
          const res = await scheduler.http.get('/v1/ranking?limit=1');
          return hasAllLikes(res.body) ? res.body : undefined;
        },
        15_000,
        'the scheduled ranking shows the new likes',
      );
      expect(top.items[0].article.stats.likes).toBe(30);
      // An API-only instance (no scheduler) serves what the scheduler stored in Redis.
      const served = await eventually(
        async () => {
          const res = await apiOnly.http.get('/v1/ranking?limit=1');
          return hasAllLikes(res.body) ? res.body : undefined;
        },
        10_000,
        'the API-only instance picks the list up from Redis',
      );
      expect(served.items[0].score).toBeCloseTo(top.items[0].score, 1);
    } finally {
      await Promise.all([scheduler.close(), apiOnly.close()]);
    }
  });

  describe('ranking lease (SET NX PX + token-checked Lua)', () => {
    let client: Redis;
    beforeAll(async () => {
      await redis.resume();
      client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    });
    afterAll(async () => {
      await client.quit();
    });

    it('admits one holder; only the holder extends or releases; an expired lease can be taken over', async () => {
      const key = `lease-test-${Date.now()}`;
      // Leases that must hold through a step are long, so a slow machine can't let them lapse.
      const first = await RedisLease.acquire(client, key, 10_000);
      expect(first).not.toBeNull();
      const results = await Promise.all(
        Array.from({ length: 10 }, () => RedisLease.acquire(client, key, 10_000)),
      );
      expect(results.filter(Boolean)).toHaveLength(0);
      expect(await first!.extend(60_000)).toBe(true);
      expect(await client.pttl(key)).toBeGreaterThan(10_000);
      await first!.release();
      const second = await RedisLease.acquire(client, key, 100);
      expect(second).not.toBeNull();
      await untilRedisKeyGone(client, key); // the 100 ms lease expired
      const third = await RedisLease.acquire(client, key, 5000);
      expect(third).not.toBeNull();
      // The expired holder can neither extend nor release the new holder's lease.
      expect(await second!.extend(5000)).toBe(false);
      await second!.release();
      expect(await client.exists(key)).toBe(1);
      await third!.release();
      expect(await client.exists(key)).toBe(0);
    });
  });
});
