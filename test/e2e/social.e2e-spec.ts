import type { Connection } from 'mysql2/promise';
import { startApp, TestApp } from '../support/app';
import { ISO, UUID } from '../support/bank';
import { Content, LIST_KEYS, PUBLIC_ARTICLE_KEYS } from '../support/content';
import { connectDb, uuidToBuffer } from '../support/db';
import { expectProblem, RegisteredUser } from '../support/factories';
import { eventually } from '../support/outbox';

const MISSING_ID = '01900000-0000-7000-8000-0000000000ff';
const PROFILE_KEYS = ['articles', 'bio', 'followers', 'following', 'id', 'nickname', 'username'];
/** Authors with this many followers are read-path ("celebrity") authors in this app. */
const CELEBRITY_AT = 3;

describe('Social (follows, profiles, following feed)', () => {
  let t: TestApp;
  let db: Connection;
  let c: Content;

  beforeAll(async () => {
    [t, db] = await Promise.all([
      startApp({ FEED_FANOUT_MAX_FOLLOWERS: String(CELEBRITY_AT), FEED_FANOUT_BATCH_SIZE: '2' }),
      connectDb(),
    ]);
    c = new Content(t.http);
  });
  afterAll(async () => {
    await Promise.all([t?.close(), db?.end()]);
  });

  const follow = (who: RegisteredUser, id: string) =>
    t.http.put(`/v1/users/${id}/follow`, undefined, { token: who.accessToken });
  const unfollow = (who: RegisteredUser, id: string) =>
    t.http.delete(`/v1/users/${id}/follow`, { token: who.accessToken });
  const profile = (id: string) => t.http.get(`/v1/users/${id}`);
  const feed = (who: RegisteredUser, query = '') =>
    t.http.get(`/v1/feed/following${query}`, { token: who.accessToken });
  const feedIds = async (who: RegisteredUser): Promise<string[]> =>
    (await c.all('/v1/feed/following', who.accessToken)).map((a) => a.id);

  async function rowCounts(userId: string): Promise<{ followers: number; following: number }> {
    const [[row]] = (await db.query(
      `SELECT (SELECT COUNT(*) FROM social_follows WHERE followee_id = ?) AS followers,
              (SELECT COUNT(*) FROM social_follows WHERE follower_id = ?) AS following`,
      [uuidToBuffer(userId), uuidToBuffer(userId)],
    )) as any;
    return { followers: Number(row.followers), following: Number(row.following) };
  }

  async function expectCountsExact(userId: string): Promise<void> {
    const res = await profile(userId);
    expect(res.status).toBe(200);
    expect({ followers: res.body.followers, following: res.body.following }).toEqual(
      await rowCounts(userId),
    );
  }

  describe('follow / unfollow', () => {
    it('PUT and DELETE are idempotent 204s and the counts follow', async () => {
      const [a, b] = await Promise.all([c.user(), c.user()]);
      for (let i = 0; i < 2; i++) {
        const res = await follow(a, b.id);
        expect(res.status).toBe(204);
        expect(res.text).toBe('');
      }
      expect((await profile(b.id)).body).toMatchObject({ followers: 1, following: 0 });
      expect((await profile(a.id)).body).toMatchObject({ followers: 0, following: 1 });
      for (let i = 0; i < 2; i++) expect((await unfollow(a, b.id)).status).toBe(204);
      expect((await profile(b.id)).body).toMatchObject({ followers: 0, following: 0 });
      expect((await profile(a.id)).body).toMatchObject({ followers: 0, following: 0 });
    });

    it('following yourself is 422 CANNOT_FOLLOW_SELF (and unfollowing yourself too); nothing is written', async () => {
      const a = await c.user();
      expectProblem(await follow(a, a.id), 422, 'CANNOT_FOLLOW_SELF');
      expectProblem(await unfollow(a, a.id), 422, 'CANNOT_FOLLOW_SELF');
      // Case of the id does not get around it.
      expectProblem(await follow(a, a.id.toUpperCase()), 422, 'CANNOT_FOLLOW_SELF');
      expect(await rowCounts(a.id)).toEqual({ followers: 0, following: 0 });
    });

    it('an unknown or malformed user id is 404; without a token 401', async () => {
      const a = await c.user();
      expectProblem(await follow(a, MISSING_ID), 404, 'NOT_FOUND');
      expectProblem(await unfollow(a, MISSING_ID), 404, 'NOT_FOUND');
      for (const bad of ['not-a-uuid', '1%27%20OR%201%3D1', 'me', '0'.repeat(100)])
        expectProblem(await follow(a, bad), 404, 'NOT_FOUND');
      expectProblem(await t.http.put(`/v1/users/${a.id}/follow`), 401, 'UNAUTHENTICATED');
      expect(await rowCounts(a.id)).toEqual({ followers: 0, following: 0 });
    });

    it('a body on PUT is ignored safely (no mass assignment of counts)', async () => {
      const [a, b] = await Promise.all([c.user(), c.user()]);
      const res = await t.http.put(
        `/v1/users/${b.id}/follow`,
        { followers: 1000, followerId: MISSING_ID },
        { token: a.accessToken },
      );
      expect([204, 400]).toContain(res.status);
      const p = (await profile(b.id)).body;
      expect(p.followers).toBeLessThanOrEqual(1);
      await expectCountsExact(b.id);
    });

    it('50 concurrent follow/unfollow requests on one pair end with exact counts', async () => {
      const [a, b] = await Promise.all([c.user(), c.user()]);
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? follow(a, b.id) : unfollow(a, b.id))),
      );
      expect(results.map((r) => r.status)).toEqual(Array(50).fill(204));
      const rows = await rowCounts(b.id);
      expect(rows.followers).toBeLessThanOrEqual(1);
      await expectCountsExact(a.id);
      await expectCountsExact(b.id);
      // Then a final follow settles it to exactly one.
      expect((await follow(a, b.id)).status).toBe(204);
      expect((await profile(b.id)).body.followers).toBe(1);
      expect((await profile(a.id)).body.following).toBe(1);
    });

    it('50 concurrent PUTs make exactly one follow, 50 concurrent DELETEs remove it exactly once', async () => {
      const [a, b] = await Promise.all([c.user(), c.user()]);
      const puts = await Promise.all(Array.from({ length: 50 }, () => follow(a, b.id)));
      expect(puts.map((r) => r.status)).toEqual(Array(50).fill(204));
      expect((await profile(b.id)).body).toMatchObject({ followers: 1, following: 0 });
      expect((await profile(a.id)).body).toMatchObject({ followers: 0, following: 1 });
      const [[events]] = (await db.query(
        "SELECT COUNT(*) AS n FROM outbox WHERE type = 'social.user-followed' AND aggregate_id = ?",
        [uuidToBuffer(a.id)],
      )) as any;
      expect(Number(events.n)).toBe(1);
      const dels = await Promise.all(Array.from({ length: 50 }, () => unfollow(a, b.id)));
      expect(dels.map((r) => r.status)).toEqual(Array(50).fill(204));
      expect((await profile(b.id)).body).toMatchObject({ followers: 0, following: 0 });
      expect((await profile(a.id)).body).toMatchObject({ followers: 0, following: 0 });
    });

    it('a storm of follows and unfollows across many users (both directions) ends with exact counts', async () => {
      const users = await Promise.all(Array.from({ length: 8 }, () => c.user()));
      const ops: Array<Promise<{ status: number }>> = [];
      for (let round = 0; round < 3; round++)
        for (const x of users)
          for (const y of users) {
            if (x === y) continue;
            ops.push(
              (round + x.id.charCodeAt(20) + y.id.charCodeAt(21)) % 3 === 0
                ? unfollow(x, y.id)
                : follow(x, y.id),
            );
          }
      const statuses = (await Promise.all(ops)).map((r) => r.status);
      expect(statuses.filter((s) => s !== 204)).toEqual([]);
      for (const u of users) await expectCountsExact(u.id);
    });
  });

  describe('GET /v1/users/:id (public profile)', () => {
    it('has exactly the PublicProfile fields, counts published articles only, and leaks nothing private', async () => {
      const [a, fan] = await Promise.all([c.user(), c.user()]);
      const patch = await t.http.patch(
        '/v1/users/me',
        { nickname: 'Ann', bio: 'writes things', fullName: 'Secret Name' },
        { token: a.accessToken },
      );
      expect(patch.status).toBe(200);
      const [p1, p2] = [await c.published(a.accessToken), await c.published(a.accessToken)];
      await c.draft(a.accessToken);
      expect((await c.withdraw(a.accessToken, p2.id)).status).toBe(200);
      await follow(fan, a.id);
      const res = await profile(a.id);
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(PROFILE_KEYS);
      expect(res.body).toEqual({
        id: a.id,
        username: a.username,
        nickname: 'Ann',
        bio: 'writes things',
        followers: 1,
        following: 0,
        articles: 1,
      });
      expect(p1.id).toMatch(UUID);
      expect(res.text).not.toMatch(/Secret Name|@example\.com|"role"|password|phone/);
      // With a token it is the same public view.
      expect((await t.http.get(`/v1/users/${a.id}`, { token: fan.accessToken })).body).toEqual(
        res.body,
      );
    });

    it('unknown and malformed ids are 404; /v1/users/me still answers the signed-in user (and 401 without a token)', async () => {
      const a = await c.user();
      expectProblem(await profile(MISSING_ID), 404, 'NOT_FOUND');
      expectProblem(await profile('nope'), 404, 'NOT_FOUND');
      const me = await t.http.get('/v1/users/me', { token: a.accessToken });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: a.id, email: a.email });
      expectProblem(await t.http.get('/v1/users/me'), 401, 'UNAUTHENTICATED');
      expect((await t.http.get('/v1/users/me/collections', { token: a.accessToken })).status).toBe(
        200,
      );
    });
  });

  describe('followers / following lists', () => {
    it('newest follow first, keyset pages that add up, public', async () => {
      const star = await c.user();
      const fans = await Promise.all(Array.from({ length: 5 }, () => c.user()));
      for (const f of fans) expect((await follow(f, star.id)).status).toBe(204);
      for (const f of fans.slice(0, 2)) expect((await follow(star, f.id)).status).toBe(204);

      const first = await t.http.get(`/v1/users/${star.id}/followers?limit=2`);
      expect(first.status).toBe(200);
      expect(first.body.items).toHaveLength(2);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      for (const item of first.body.items) {
        expect(Object.keys(item).sort()).toEqual(['since', 'user']);
        expect(Object.keys(item.user).sort()).toEqual(['id', 'nickname', 'username']);
        expect(item.since).toMatch(ISO);
      }
      const all = await c.all(`/v1/users/${star.id}/followers`, undefined, 2);
      expect(all.map((i) => i.user.id)).toEqual([...fans].reverse().map((f) => f.id));
      expect(all.map((i) => i.user.username)).toEqual([...fans].reverse().map((f) => f.username));
      const since = all.map((i) => i.since);
      expect([...since].sort().reverse()).toEqual(since);

      const following = await c.all(`/v1/users/${star.id}/following`, undefined, 1);
      expect(following.map((i) => i.user.id)).toEqual([fans[1].id, fans[0].id]);

      // An unfollow leaves the list.
      await unfollow(fans[4], star.id);
      const after = await c.all(`/v1/users/${star.id}/followers`);
      expect(after.map((i) => i.user.id)).toEqual(
        [fans[3], fans[2], fans[1], fans[0]].map((f) => f.id),
      );
    });

    it('hostile input: limit out of range and bad cursors are 400, unknown users 404', async () => {
      const a = await c.user();
      for (const path of ['followers', 'following']) {
        for (const q of ['limit=0', 'limit=101', 'limit=abc', 'limit=-1', 'limit=1.5'])
          expectProblem(
            await t.http.get(`/v1/users/${a.id}/${path}?${q}`),
            400,
            'VALIDATION_FAILED',
          );
        for (const cursor of [
          'garbage',
          Buffer.from('{"s":"x","u":"y"}').toString('base64url'),
          Buffer.from(`{"s":"2026-01-01T00:00:00.000Z","u":"${MISSING_ID}' OR 1=1"}`).toString(
            'base64url',
          ),
          'x'.repeat(600),
        ])
          expectProblem(
            await t.http.get(`/v1/users/${a.id}/${path}?cursor=${encodeURIComponent(cursor)}`),
            400,
            'VALIDATION_FAILED',
          );
        expectProblem(await t.http.get(`/v1/users/${MISSING_ID}/${path}`), 404, 'NOT_FOUND');
        expectProblem(await t.http.get(`/v1/users/bad-id/${path}`), 404, 'NOT_FOUND');
      }
    });
  });

  describe('GET /v1/feed/following', () => {
    it("shows followees' articles newest published first, not others', with the reader's liked/collected", async () => {
      const [reader, a, b, stranger] = await Promise.all([c.user(), c.user(), c.user(), c.user()]);
      const a1 = await c.published(a.accessToken);
      await follow(reader, a.id);
      await follow(reader, b.id);
      // Backfill: a1 was published before the follow.
      await eventually(
        async () => ((await feedIds(reader)).includes(a1.id) ? true : undefined),
        5000,
        'backfill',
      );
      const b1 = await c.published(b.accessToken);
      const a2 = await c.published(a.accessToken);
      const s1 = await c.published(stranger.accessToken);
      const ids = await eventually(
        async () => {
          const got = await feedIds(reader);
          return got.length === 3 ? got : undefined;
        },
        5000,
        'fan-out of b1 and a2',
      );
      expect(ids).toEqual([a2.id, b1.id, a1.id]);
      expect(ids).not.toContain(s1.id);

      expect((await c.like(reader.accessToken, b1.id)).status).toBe(204);
      expect((await c.collect(reader.accessToken, a2.id)).status).toBe(204);
      const page = await feed(reader, '?limit=2');
      expect(page.status).toBe(200);
      expect(page.body.items).toHaveLength(2);
      expect(Object.keys(page.body.items[0]).sort()).toEqual(LIST_KEYS(PUBLIC_ARTICLE_KEYS));
      expect(page.body.items[0]).toMatchObject({
        id: a2.id,
        author: { id: a.id, username: a.username },
        liked: false,
        collected: true,
      });
      expect(page.body.items[1]).toMatchObject({ id: b1.id, liked: true, collected: false });
      expect(page.body.items[1].stats.likes).toBe(1);
      const next = await feed(
        reader,
        `?limit=2&cursor=${encodeURIComponent(page.body.nextCursor)}`,
      );
      expect(next.body.items.map((x: any) => x.id)).toEqual([a1.id]);
      expect(next.body.nextCursor).toBeNull();

      // Publishing an edit of a visible article keeps its place and shows it once.
      expect((await c.edit(a.accessToken, a2.id, { title: 'edited title' })).status).toBe(200);
      expect((await c.publish(a.accessToken, a2.id)).status).toBe(200);
      await eventually(
        async () =>
          (await feed(reader)).body.items[0]?.title === 'edited title' ? true : undefined,
        5000,
        'edit visible',
      );
      expect(await feedIds(reader)).toEqual([a2.id, b1.id, a1.id]);

      // Another reader's feed is theirs alone.
      expect(await feedIds(stranger)).toEqual([]);
    });

    it('a withdrawn article disappears within 5 s, and its timeline rows are removed; a republish brings it back', async () => {
      const [reader, a] = await Promise.all([c.user(), c.user()]);
      await follow(reader, a.id);
      const art = await c.published(a.accessToken);
      await eventually(
        async () => ((await feedIds(reader)).includes(art.id) ? true : undefined),
        5000,
        'fan-out',
      );
      expect((await c.withdraw(a.accessToken, art.id)).status).toBe(200);
      // Never shown once withdrawn (the read filters by the public store at once).
      expect(await feedIds(reader)).not.toContain(art.id);
      await eventually(
        async () => {
          const [[row]] = (await db.query(
            'SELECT COUNT(*) AS n FROM social_timeline WHERE article_id = ?',
            [uuidToBuffer(art.id)],
          )) as any;
          return Number(row.n) === 0 ? true : undefined;
        },
        5000,
        'timeline rows removed',
      );
      expect((await c.publish(a.accessToken, art.id)).status).toBe(200);
      await eventually(
        async () => ((await feedIds(reader)).includes(art.id) ? true : undefined),
        5000,
        'republished',
      );
    });

    it('unfollow removes the author at once; following again brings the articles back', async () => {
      const [reader, a] = await Promise.all([c.user(), c.user()]);
      await follow(reader, a.id);
      const art = await c.published(a.accessToken);
      await eventually(
        async () => ((await feedIds(reader)).includes(art.id) ? true : undefined),
        5000,
        'fan-out',
      );
      await unfollow(reader, a.id);
      expect(await feedIds(reader)).toEqual([]);
      await eventually(
        async () => {
          const [[row]] = (await db.query(
            'SELECT COUNT(*) AS n FROM social_timeline WHERE reader_id = ? AND author_id = ?',
            [uuidToBuffer(reader.id), uuidToBuffer(a.id)],
          )) as any;
          return Number(row.n) === 0 ? true : undefined;
        },
        5000,
        'timeline rows removed',
      );
      await follow(reader, a.id);
      await eventually(
        async () => ((await feedIds(reader)).includes(art.id) ? true : undefined),
        5000,
        'backfill',
      );
    });

    it('an author with many followers (a celebrity) is not fanned out but reaches followers through the read path', async () => {
      const star = await c.user();
      const fans = await Promise.all(Array.from({ length: CELEBRITY_AT }, () => c.user()));
      for (const f of fans) await follow(f, star.id);
      const [[mark]] = (await db.query(
        'SELECT COUNT(*) AS n FROM social_celebrities WHERE user_id = ?',
        [uuidToBuffer(star.id)],
      )) as any;
      expect(Number(mark.n)).toBe(1);
      const s1 = await c.published(star.accessToken);
      const s2 = await c.published(star.accessToken);
      // Visible at once (no fan-out needed), newest first, with pagination across the merge.
      for (const f of fans) expect(await feedIds(f)).toEqual([s2.id, s1.id]);
      const p1 = await feed(fans[0], '?limit=1');
      expect(p1.body.items.map((x: any) => x.id)).toEqual([s2.id]);
      const p2 = await feed(fans[0], `?limit=1&cursor=${encodeURIComponent(p1.body.nextCursor)}`);
      expect(p2.body.items.map((x: any) => x.id)).toEqual([s1.id]);
      // Give a fan-out the time it would take: still no timeline rows for the celebrity.
      const ordinary = await c.user();
      await follow(fans[0], ordinary.id);
      const o1 = await c.published(ordinary.accessToken);
      await eventually(
        async () => ((await feedIds(fans[0])).includes(o1.id) ? true : undefined),
        5000,
        'ordinary fan-out',
      );
      const [[rows]] = (await db.query(
        'SELECT COUNT(*) AS n FROM social_timeline WHERE author_id = ?',
        [uuidToBuffer(star.id)],
      )) as any;
      expect(Number(rows.n)).toBe(0);
      expect(await feedIds(fans[0])).toEqual([o1.id, s2.id, s1.id]);
      // Withdrawn celebrity articles are gone at once; an unfollower stops seeing the rest.
      await c.withdraw(star.accessToken, s2.id);
      expect(await feedIds(fans[1])).toEqual([s1.id]);
      await unfollow(fans[1], star.id);
      expect(await feedIds(fans[1])).toEqual([]);
    });

    it('fan-out goes in batches (FEED_FANOUT_BATCH_SIZE=2 here) and reaches every follower', async () => {
      // Below the celebrity mark: two followers per author; three authors share the same readers.
      const readers = await Promise.all([c.user(), c.user()]);
      const author = await c.user();
      for (const r of readers) await follow(r, author.id);
      const art = await c.published(author.accessToken);
      for (const r of readers)
        await eventually(
          async () => ((await feedIds(r)).includes(art.id) ? true : undefined),
          5000,
          'fan-out',
        );
      const [[row]] = (await db.query(
        'SELECT COUNT(*) AS n FROM social_timeline WHERE article_id = ?',
        [uuidToBuffer(art.id)],
      )) as any;
      expect(Number(row.n)).toBe(2);
    });

    it('needs a token; hostile limit and cursor are 400; /v1/feed/:id still serves articles', async () => {
      const a = await c.user();
      expectProblem(await t.http.get('/v1/feed/following'), 401, 'UNAUTHENTICATED');
      for (const q of ['limit=0', 'limit=101', 'limit=x', 'cursor=%00', 'cursor=bm90LWpzb24'])
        expectProblem(await feed(a, `?${q}`), 400, 'VALIDATION_FAILED');
      const forged = Buffer.from(
        JSON.stringify({ p: '2026-01-01T00:00:00.000Z', id: "x' OR 1=1 --" }),
      ).toString('base64url');
      expectProblem(await feed(a, `?cursor=${forged}`), 400, 'VALIDATION_FAILED');
      const art = await c.published(a.accessToken);
      expect((await c.feedItem(art.id)).status).toBe(200);
    });
  });
});
