import type { Connection } from 'mysql2/promise';
import { startApp, TestApp } from '../support/app';
import {
  adminEnv,
  Bank,
  ISO,
  loginAdmin,
  newKey,
  expectLedgerBalanced,
  scalar,
  TRANSFER_KEYS,
  UUID,
} from '../support/bank';
import {
  AUTHOR_ARTICLE_KEYS,
  Content,
  LIST_KEYS,
  PUBLIC_ARTICLE_KEYS,
  uniqueTitle,
} from '../support/content';
import { connectDb, uuidToBuffer } from '../support/db';
import { expectProblem, RegisteredUser } from '../support/factories';
import { eventually } from '../support/outbox';

const MISSING_ID = '01900000-0000-7000-8000-0000000000ff';

describe('Content (articles)', () => {
  let t: TestApp;
  let db: Connection;
  let c: Content;
  let bank: Bank;
  let admin: { id: string; accessToken: string };
  let author: RegisteredUser;
  let reader: RegisteredUser;
  const env = adminEnv();

  beforeAll(async () => {
    [t, db] = await Promise.all([startApp(env), connectDb()]);
    admin = await loginAdmin(t.http, env);
    c = new Content(t.http);
    bank = new Bank(t.http, admin.accessToken);
    [author, reader] = await Promise.all([c.user(), c.user()]);
  });
  afterAll(async () => {
    await Promise.all([t?.close(), db?.end()]);
  });

  // ───────────────────────────────────────────── authoring ──
  describe('authoring', () => {
    it('POST /v1/articles creates a draft with exactly the AuthorArticle fields; abstract = first 128 characters', async () => {
      const content = 'é'.repeat(100) + 'x'.repeat(100);
      const res = await c.create(author.accessToken, { title: 'My first', content });
      expect(res.status).toBe(201);
      expect(Object.keys(res.body).sort()).toEqual(AUTHOR_ARTICLE_KEYS);
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        title: 'My first',
        content,
        abstract: 'é'.repeat(100) + 'x'.repeat(28),
        status: 'draft',
        hasUnpublishedChanges: false,
        authorId: author.id,
        createdAt: expect.stringMatching(ISO),
        updatedAt: res.body.createdAt,
        publishedAt: null,
      });
      const got = await c.get(author.accessToken, res.body.id);
      expect(got.status).toBe(200);
      expect(got.body).toEqual(res.body);
    });

    it('accepts the limits exactly (title 200, content 100,000 characters, emoji count as one)', async () => {
      const res = await c.create(author.accessToken, {
        title: '😀'.repeat(200),
        content: 'y'.repeat(100_000),
      });
      expect(res.status).toBe(201);
      expect(res.body.content).toHaveLength(100_000);
      const one = await c.create(author.accessToken, { title: 'a', content: 'b' });
      expect(one.status).toBe(201);
    });

    it.each([
      ['empty title', { title: '', content: 'c' }],
      ['title of 201 characters', { title: 'x'.repeat(201), content: 'c' }],
      ['empty content', { title: 't', content: '' }],
      ['content of 100,001 characters', { title: 't', content: 'x'.repeat(100_001) }],
      ['missing title', { content: 'c' }],
      ['missing content', { title: 't' }],
      ['a number title', { title: 5, content: 'c' }],
      ['unknown field status', { title: 't', content: 'c', status: 'published' }],
      ['unknown field authorId', { title: 't', content: 'c', authorId: MISSING_ID }],
    ])('POST rejects %s with 400 VALIDATION_FAILED and creates nothing', async (_what, body) => {
      const before = await scalar(db, 'SELECT COUNT(*) FROM articles WHERE author_id = ?', [
        uuidToBuffer(author.id),
      ]);
      const res = await c.create(author.accessToken, body);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.length).toBeGreaterThan(0);
      expect(
        await scalar(db, 'SELECT COUNT(*) FROM articles WHERE author_id = ?', [
          uuidToBuffer(author.id),
        ]),
      ).toBe(before);
    });

    it('needs a token', async () => {
      expectProblem(
        await t.http.post('/v1/articles', { title: 't', content: 'c' }),
        401,
        'UNAUTHENTICATED',
      );
      expectProblem(await t.http.get('/v1/articles'), 401, 'UNAUTHENTICATED');
    });

    it('PATCH edits title and/or content; rejects null, bad lengths and unknown fields without changing anything', async () => {
      const a = await c.draft(author.accessToken, { title: 'Before', content: 'Body' });
      const res = await c.edit(author.accessToken, a.id, { title: 'After' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(
        expect.objectContaining({
          title: 'After',
          content: 'Body',
          status: 'draft',
          hasUnpublishedChanges: false,
        }),
      );
      expect(Date.parse(res.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(a.updatedAt));
      for (const bad of [
        { title: null },
        { content: '' },
        { title: 'x'.repeat(201) },
        { status: 'published' },
        { hasUnpublishedChanges: true },
      ]) {
        expectProblem(await c.edit(author.accessToken, a.id, bad), 400, 'VALIDATION_FAILED');
      }
      const after = await c.get(author.accessToken, a.id);
      expect(after.body).toEqual(res.body);
    });

    it('drafts are private: another user gets 404 for read, edit, publish and withdraw; readers get 404 in the feed', async () => {
      const a = await c.draft(author.accessToken);
      expectProblem(await c.get(reader.accessToken, a.id), 404, 'NOT_FOUND');
      expectProblem(await c.edit(reader.accessToken, a.id, { title: 'hijack' }), 404, 'NOT_FOUND');
      expectProblem(await c.publish(reader.accessToken, a.id), 404, 'NOT_FOUND');
      expectProblem(await c.withdraw(reader.accessToken, a.id), 404, 'NOT_FOUND');
      expectProblem(await c.feedItem(a.id), 404, 'NOT_FOUND');
      expectProblem(await c.feedItem(a.id, reader.accessToken), 404, 'NOT_FOUND');
      expectProblem(await c.like(reader.accessToken, a.id), 404, 'NOT_FOUND');
      const mine = await c.all('/v1/articles', reader.accessToken);
      expect(mine.map((x) => x.id)).not.toContain(a.id);
      const unchanged = await c.get(author.accessToken, a.id);
      expect(unchanged.body).toEqual(expect.objectContaining({ title: a.title, status: 'draft' }));
      expectProblem(await c.get(author.accessToken, MISSING_ID), 404, 'NOT_FOUND');
      expectProblem(await c.get(author.accessToken, 'not-a-uuid'), 404, 'NOT_FOUND');
    });

    it('GET /v1/articles lists own articles in every state, newest edit first, without content, page by page', async () => {
      const u = await c.user();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++)
        ids.push((await c.draft(u.accessToken, { title: `n${i}`, content: `c${i}` })).id);
      await c.publish(u.accessToken, ids[1]);
      await c.edit(u.accessToken, ids[0], { title: 'n0 edited' }); // newest edit now
      const first = await t.http.get('/v1/articles?limit=2', { token: u.accessToken });
      expect(first.status).toBe(200);
      expect(first.body.items.map((x: any) => x.id)).toEqual([ids[0], ids[1]]);
      expect(Object.keys(first.body.items[0]).sort()).toEqual(LIST_KEYS(AUTHOR_ARTICLE_KEYS));
      expect(first.body.items[0].title).toBe('n0 edited');
      expect(first.body.items[1].status).toBe('published');
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const all = await c.all('/v1/articles', u.accessToken, 2);
      expect(all.map((x) => x.id)).toEqual([ids[0], ids[1], ids[4], ids[3], ids[2]]);
      expectProblem(
        await t.http.get('/v1/articles?cursor=garbage', { token: u.accessToken }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await t.http.get('/v1/articles?limit=101', { token: u.accessToken }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await t.http.get('/v1/articles?limit=0', { token: u.accessToken }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('the cached first page of the list follows every change at once', async () => {
      const u = await c.user();
      const a = await c.draft(u.accessToken, { title: 'v1', content: 'c' });
      expect((await c.all('/v1/articles', u.accessToken))[0]).toEqual(
        expect.objectContaining({ id: a.id, title: 'v1', status: 'draft' }),
      );
      await c.edit(u.accessToken, a.id, { title: 'v2' });
      expect((await c.all('/v1/articles', u.accessToken))[0].title).toBe('v2');
      await c.publish(u.accessToken, a.id);
      expect((await c.all('/v1/articles', u.accessToken))[0].status).toBe('published');
      await c.withdraw(u.accessToken, a.id);
      expect((await c.all('/v1/articles', u.accessToken))[0].status).toBe('withdrawn');
      const b = await c.draft(u.accessToken);
      expect((await c.all('/v1/articles', u.accessToken)).map((x) => x.id)).toEqual([b.id, a.id]);
    });
  });

  // ───────────────────────────────────────────── publishing ──
  describe('publishing', () => {
    it('publish makes the article visible in the feed with exactly the PublicArticle fields', async () => {
      const a = await c.draft(author.accessToken, {
        title: uniqueTitle('pub'),
        content: 'Published body',
      });
      const res = await c.publish(author.accessToken, a.id);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(
        expect.objectContaining({
          id: a.id,
          status: 'published',
          hasUnpublishedChanges: false,
          publishedAt: expect.stringMatching(ISO),
        }),
      );
      const feed = await c.feedItem(a.id);
      expect(feed.status).toBe(200);
      expect(Object.keys(feed.body).sort()).toEqual(PUBLIC_ARTICLE_KEYS);
      expect(feed.body).toEqual({
        id: a.id,
        title: a.title,
        content: 'Published body',
        abstract: 'Published body',
        author: { id: author.id, username: author.username, nickname: null },
        publishedAt: res.body.publishedAt,
        stats: { reads: expect.any(Number), likes: 0, collects: 0, comments: 0 },
        liked: false,
        collected: false,
      });
    });

    it('editing a published article changes only the draft; readers see the old version until the next publish', async () => {
      const a = await c.published(author.accessToken, {
        title: 'Original',
        content: 'Original body',
      });
      const edited = await c.edit(author.accessToken, a.id, {
        title: 'Revised',
        content: 'Revised body',
      });
      expect(edited.body).toEqual(
        expect.objectContaining({
          status: 'published',
          hasUnpublishedChanges: true,
          title: 'Revised',
        }),
      );
      const seen = await c.feedItem(a.id, reader.accessToken);
      expect(seen.body).toEqual(
        expect.objectContaining({ title: 'Original', content: 'Original body' }),
      );
      const inList = (await c.all('/v1/feed')).find((x) => x.id === a.id);
      expect(inList.title).toBe('Original');
      expect((await c.get(author.accessToken, a.id)).body.hasUnpublishedChanges).toBe(true);

      const republished = await c.publish(author.accessToken, a.id);
      expect(republished.body).toEqual(
        expect.objectContaining({ hasUnpublishedChanges: false, publishedAt: a.publishedAt }),
      );
      const now = await c.feedItem(a.id);
      expect(now.body).toEqual(
        expect.objectContaining({
          title: 'Revised',
          content: 'Revised body',
          abstract: 'Revised body',
          publishedAt: a.publishedAt,
        }),
      );
    });

    it('withdraw hides the article from every /v1/feed route; it can be republished', async () => {
      const a = await c.published(author.accessToken);
      const { acc } = await bank.userWithAccounts({ USD: 1000 });
      const res = await c.withdraw(author.accessToken, a.id);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('withdrawn');
      expectProblem(await c.feedItem(a.id), 404, 'NOT_FOUND');
      expect((await c.all('/v1/feed')).map((x) => x.id)).not.toContain(a.id);
      expectProblem(await c.like(reader.accessToken, a.id), 404, 'NOT_FOUND');
      expectProblem(await c.collect(reader.accessToken, a.id), 404, 'NOT_FOUND');
      expectProblem(
        await c.reward(reader.accessToken, a.id, { fromAccountId: acc.USD!.id, amount: 1 }),
        404,
        'NOT_FOUND',
      );
      // Withdrawing again changes nothing.
      const again = await c.withdraw(author.accessToken, a.id);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(res.body);
      // The author still sees it.
      expect((await c.get(author.accessToken, a.id)).body.status).toBe('withdrawn');

      const back = await c.publish(author.accessToken, a.id);
      expect(back.body.status).toBe('published');
      expect(Date.parse(back.body.publishedAt)).toBeGreaterThanOrEqual(Date.parse(a.publishedAt));
      expect((await c.feedItem(a.id)).status).toBe(200);
    });

    it('a draft that was never published cannot be withdrawn (409 ARTICLE_NOT_PUBLISHED)', async () => {
      const a = await c.draft(author.accessToken);
      expectProblem(await c.withdraw(author.accessToken, a.id), 409, 'ARTICLE_NOT_PUBLISHED');
      expect((await c.get(author.accessToken, a.id)).body.status).toBe('draft');
    });

    it('publish and the public copy commit together (the public store holds exactly the published articles)', async () => {
      const [rows] = await db.query(
        `SELECT COUNT(*) AS n FROM articles a LEFT JOIN published_articles p ON p.id = a.id
         WHERE (a.status = 'published') <> (p.id IS NOT NULL)`,
      );
      expect(Number((rows as any)[0].n)).toBe(0);
    });
  });

  // ───────────────────────────────────────────── feed ──
  describe('feed', () => {
    it('GET /v1/feed: newest published first, without content, keyset pages without gaps or repeats', async () => {
      const u = await c.user();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++)
        ids.push(
          (await c.published(u.accessToken, { title: `feed ${i}`, content: `feed body ${i}` })).id,
        );
      const page = await t.http.get('/v1/feed?limit=3');
      expect(page.status).toBe(200);
      expect(page.body.items.map((x: any) => x.id)).toEqual([ids[4], ids[3], ids[2]]);
      expect(Object.keys(page.body.items[0]).sort()).toEqual(LIST_KEYS(PUBLIC_ARTICLE_KEYS));
      const all = await c.all('/v1/feed', undefined, 2);
      const positions = ids.map((id) => all.findIndex((x) => x.id === id));
      expect(positions).toEqual([...positions].sort((a, b) => b - a));
      expect(new Set(all.map((x) => x.id)).size).toBe(all.length);
      const times = all.map((x) => Date.parse(x.publishedAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      const published = await scalar(db, 'SELECT COUNT(*) FROM published_articles');
      expect(all).toHaveLength(published);
      expectProblem(await t.http.get('/v1/feed?cursor=abc'), 400, 'VALIDATION_FAILED');
      expectProblem(await t.http.get('/v1/feed?limit=abc'), 400, 'VALIDATION_FAILED');
    });

    it('GET /v1/feed/:id is optional-auth: liked/collected with a valid token, false without, 401 with a bad one', async () => {
      const a = await c.published(author.accessToken);
      await c.like(reader.accessToken, a.id);
      await c.collect(reader.accessToken, a.id);
      const withToken = await c.feedItem(a.id, reader.accessToken);
      expect(withToken.body).toEqual(expect.objectContaining({ liked: true, collected: true }));
      const anonymous = await c.feedItem(a.id);
      expect(anonymous.body).toEqual(expect.objectContaining({ liked: false, collected: false }));
      const other = await c.feedItem(a.id, author.accessToken);
      expect(other.body).toEqual(expect.objectContaining({ liked: false, collected: false }));
      expectProblem(await c.feedItem(a.id, 'forged.token.here'), 401, 'UNAUTHENTICATED');
      expectProblem(await c.feedItem(MISSING_ID), 404, 'NOT_FOUND');
      expectProblem(await c.feedItem('nope'), 404, 'NOT_FOUND');
    });

    it('reads: each detail view counts one read, batched, visible in stats.reads within 5 s', async () => {
      const a = await c.published(author.accessToken);
      const views = 7;
      await Promise.all(
        Array.from({ length: views }, (_, i) =>
          c.feedItem(a.id, i % 2 ? reader.accessToken : undefined),
        ),
      );
      const started = Date.now();
      const reads = await eventually(
        async () => {
          const res = await c.feedItem(a.id);
          // The probe itself is a read too: at least `views` must have arrived.
          return res.body.stats.reads >= views ? res.body.stats.reads : undefined;
        },
        5_000,
        'reads visible',
      );
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(reads).toBeGreaterThanOrEqual(views);
      // Batched: far fewer outbox rows than reads, each carrying counts per article.
      const [rows] = await db.query(
        `SELECT payload FROM outbox WHERE type = 'interaction.article-reads-recorded'`,
      );
      const batches = (rows as Array<{ payload: any }>).map((r) =>
        typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
      );
      const forArticle = batches.filter((b) => b.counts[a.id]);
      expect(forArticle.length).toBeLessThan(views);
      expect(forArticle.reduce((s, b) => s + b.counts[a.id], 0)).toBe(
        await scalar(db, 'SELECT `reads` FROM article_stats WHERE article_id = ?', [
          uuidToBuffer(a.id),
        ]),
      );
    });
  });

  describe('read batching', () => {
    it('a clean shutdown (SIGTERM) flushes the reads still in memory: none is lost', async () => {
      const a = await c.published(author.accessToken);
      const other = await startApp();
      const views = 5;
      for (let i = 0; i < views; i++)
        expect((await other.http.get(`/v1/feed/${a.id}`)).status).toBe(200);
      await other.close();
      const [rows] = await db.query(
        `SELECT payload FROM outbox WHERE type = 'interaction.article-reads-recorded'`,
      );
      const counted = (rows as Array<{ payload: any }>)
        .map((r) => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload))
        .reduce((sum, b) => sum + (b.counts[a.id] ?? 0), 0);
      expect(counted).toBe(views);
      // And the surviving instance's relay applies them.
      await eventually(
        async () => ((await c.feedItem(a.id)).body.stats.reads >= views ? true : undefined),
        5_000,
        'reads applied',
      );
    });
  });

  // ───────────────────────────────────────────── likes and collections ──
  describe('likes and collections', () => {
    it('PUT/DELETE like is idempotent and counted once per user', async () => {
      const a = await c.published(author.accessToken);
      for (let i = 0; i < 3; i++) {
        const res = await c.like(reader.accessToken, a.id);
        expect(res.status).toBe(204);
        expect(res.text).toBe('');
      }
      expect((await c.feedItem(a.id, reader.accessToken)).body).toEqual(
        expect.objectContaining({ liked: true, stats: expect.objectContaining({ likes: 1 }) }),
      );
      for (let i = 0; i < 2; i++)
        expect((await c.like(reader.accessToken, a.id, false)).status).toBe(204);
      expect((await c.feedItem(a.id, reader.accessToken)).body).toEqual(
        expect.objectContaining({ liked: false, stats: expect.objectContaining({ likes: 0 }) }),
      );
      expectProblem(await t.http.put(`/v1/feed/${a.id}/like`), 401, 'UNAUTHENTICATED');
      expectProblem(await c.like(reader.accessToken, MISSING_ID), 404, 'NOT_FOUND');
    });

    it('PUT/DELETE collect is idempotent and counted once per user', async () => {
      const a = await c.published(author.accessToken);
      for (let i = 0; i < 3; i++)
        expect((await c.collect(reader.accessToken, a.id)).status).toBe(204);
      expect((await c.feedItem(a.id, reader.accessToken)).body).toEqual(
        expect.objectContaining({
          collected: true,
          stats: expect.objectContaining({ collects: 1, likes: 0 }),
        }),
      );
      for (let i = 0; i < 2; i++)
        expect((await c.collect(reader.accessToken, a.id, false)).status).toBe(204);
      expect((await c.feedItem(a.id)).body.stats.collects).toBe(0);
    });

    it('20 users liking (twice each) and collecting concurrently are all counted, exactly', async () => {
      const a = await c.published(author.accessToken);
      const users = await Promise.all(Array.from({ length: 20 }, () => c.user()));
      const results = await Promise.all(
        users.flatMap((u) => [
          c.like(u.accessToken, a.id),
          c.like(u.accessToken, a.id),
          c.collect(u.accessToken, a.id),
        ]),
      );
      expect(results.map((r) => r.status)).toEqual(results.map(() => 204));
      const res = await c.feedItem(a.id);
      expect(res.body.stats).toEqual(expect.objectContaining({ likes: 20, collects: 20 }));
      const id = uuidToBuffer(a.id);
      expect(
        await scalar(db, 'SELECT COUNT(*) FROM article_likes WHERE article_id = ?', [id]),
      ).toBe(20);
      expect(await scalar(db, 'SELECT likes FROM article_stats WHERE article_id = ?', [id])).toBe(
        20,
      );
      // Half of them take it back, concurrently, twice each.
      await Promise.all(
        users
          .slice(0, 10)
          .flatMap((u) => [c.like(u.accessToken, a.id, false), c.like(u.accessToken, a.id, false)]),
      );
      expect((await c.feedItem(a.id)).body.stats.likes).toBe(10);
      expect(await scalar(db, 'SELECT likes FROM article_stats WHERE article_id = ?', [id])).toBe(
        10,
      );
    });

    it('counters equal the rows for every article (no drift anywhere)', async () => {
      const [rows] = await db.query(
        `SELECT COUNT(*) AS n FROM article_stats s
         WHERE s.likes <> (SELECT COUNT(*) FROM article_likes l WHERE l.article_id = s.article_id)
            OR s.collects <> (SELECT COUNT(*) FROM article_collections k WHERE k.article_id = s.article_id)`,
      );
      expect(Number((rows as any)[0].n)).toBe(0);
    });

    it('GET /v1/users/me/collections: published collected articles, newest collected first, without content, paged', async () => {
      const u = await c.user();
      const arts: any[] = [];
      for (let i = 0; i < 4; i++) arts.push(await c.published(author.accessToken));
      for (const a of arts) await c.collect(u.accessToken, a.id);
      await c.like(u.accessToken, arts[3].id);
      const first = await t.http.get('/v1/users/me/collections?limit=3', { token: u.accessToken });
      expect(first.status).toBe(200);
      expect(first.body.items.map((x: any) => x.id)).toEqual([arts[3].id, arts[2].id, arts[1].id]);
      expect(Object.keys(first.body.items[0]).sort()).toEqual(LIST_KEYS(PUBLIC_ARTICLE_KEYS));
      expect(first.body.items[0]).toEqual(
        expect.objectContaining({ collected: true, liked: true }),
      );
      expect(first.body.items[1]).toEqual(
        expect.objectContaining({ collected: true, liked: false }),
      );
      const all = await c.all('/v1/users/me/collections', u.accessToken, 3);
      expect(all.map((x) => x.id)).toEqual([arts[3].id, arts[2].id, arts[1].id, arts[0].id]);
      // Withdrawn and uncollected articles drop out.
      await c.withdraw(author.accessToken, arts[2].id);
      await c.collect(u.accessToken, arts[0].id, false);
      expect((await c.all('/v1/users/me/collections', u.accessToken)).map((x) => x.id)).toEqual([
        arts[3].id,
        arts[1].id,
      ]);
      // Someone else's collections are not mine.
      expect(await c.all('/v1/users/me/collections', reader.accessToken)).not.toEqual(
        expect.arrayContaining([expect.objectContaining({ id: arts[1].id })]),
      );
      expectProblem(await t.http.get('/v1/users/me/collections'), 401, 'UNAUTHENTICATED');
      expectProblem(
        await t.http.get('/v1/users/me/collections?cursor=x', { token: u.accessToken }),
        400,
        'VALIDATION_FAILED',
      );
    });
  });

  // ───────────────────────────────────────────── ranking ──
  describe('ranking', () => {
    it('admin refresh ranks by (likes − 1) / (hours + 2)^1.5, and GET /v1/ranking serves the same list', async () => {
      const u = await c.user();
      const likers = await Promise.all(Array.from({ length: 12 }, () => c.user()));
      const plan = [3, 12, 0, 7];
      const arts: any[] = [];
      for (const likes of plan) {
        const a = await c.published(u.accessToken);
        await Promise.all(likers.slice(0, likes).map((l) => c.like(l.accessToken, a.id)));
        arts.push(a);
      }
      const res = await t.http.post('/v1/admin/ranking/refresh?limit=100', undefined, {
        token: admin.accessToken,
      });
      expect(res.status).toBe(200);
      expect(res.body.generatedAt).toMatch(ISO);
      const generatedAt = Date.parse(res.body.generatedAt);
      const mine = res.body.items.filter((i: any) => arts.some((a) => a.id === i.article.id));
      expect(mine.map((i: any) => i.article.id)).toEqual([
        arts[1].id,
        arts[3].id,
        arts[0].id,
        arts[2].id,
      ]);
      for (const item of mine) {
        const likes = plan[arts.findIndex((a) => a.id === item.article.id)];
        const hours = (generatedAt - Date.parse(item.article.publishedAt)) / 3_600_000;
        expect(item.score).toBeCloseTo((likes - 1) / Math.pow(hours + 2, 1.5), 6);
        expect(item.article.stats.likes).toBe(likes);
        expect(Object.keys(item.article).sort()).toEqual(LIST_KEYS(PUBLIC_ARTICLE_KEYS));
        expect(item.article).toEqual(
          expect.objectContaining({
            liked: false,
            collected: false,
            author: expect.objectContaining({ id: u.id }),
          }),
        );
      }
      const scores = res.body.items.map((i: any) => i.score);
      expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));

      const get = await t.http.get('/v1/ranking?limit=100');
      expect(get.status).toBe(200);
      expect(get.body).toEqual(res.body);
      const top = await t.http.get('/v1/ranking');
      expect(top.body.items).toEqual(res.body.items.slice(0, 10));
      const two = await t.http.get('/v1/ranking?limit=2');
      expect(two.body.items).toEqual(res.body.items.slice(0, 2));
    });

    it('a withdrawn article leaves GET /v1/ranking at once (no recomputation), on every instance', async () => {
      const u = await c.user();
      const likers = await Promise.all(Array.from({ length: 14 }, () => c.user()));
      const a = await c.published(u.accessToken);
      await Promise.all(likers.map((l) => c.like(l.accessToken, a.id)));
      // A second instance on the same database and Redis, serving its own copy from memory.
      const other = await startApp(env);
      try {
        const refreshed = await t.http.post('/v1/admin/ranking/refresh?limit=100', undefined, {
          token: admin.accessToken,
        });
        expect(refreshed.status).toBe(200);
        const ids = (body: any): string[] => body.items.map((i: any) => i.article.id);
        expect(ids(refreshed.body)).toContain(a.id);
        await eventually(
          async () => {
            const res = await other.http.get('/v1/ranking?limit=100');
            return res.body.generatedAt === refreshed.body.generatedAt ? res : undefined;
          },
          5_000,
          'the other instance serves the refreshed list',
        );
        expect(ids((await other.http.get('/v1/ranking?limit=100')).body)).toContain(a.id);

        expect((await c.withdraw(u.accessToken, a.id)).status).toBe(200);
        const withdrawnAt = Date.now();
        const after = await t.http.get('/v1/ranking?limit=100');
        expect(after.status).toBe(200);
        expect(after.body.generatedAt).toBe(refreshed.body.generatedAt);
        expect(ids(after.body)).toEqual(ids(refreshed.body).filter((id) => id !== a.id));
        await eventually(
          async () => {
            const res = await other.http.get('/v1/ranking?limit=100');
            return ids(res.body).includes(a.id) ? undefined : res;
          },
          3_000,
          'the other instance drops the withdrawn article',
        );
        expect(Date.now() - withdrawnAt).toBeLessThan(3_000);
        const otherAfter = await other.http.get('/v1/ranking?limit=100');
        expect(otherAfter.body.generatedAt).toBe(refreshed.body.generatedAt);
        expect(ids(otherAfter.body)).toEqual(ids(after.body));
      } finally {
        await other.close();
      }
    });

    it('refresh is admin only; limit is 1..100', async () => {
      expectProblem(
        await t.http.post('/v1/admin/ranking/refresh', undefined, { token: reader.accessToken }),
        403,
        'FORBIDDEN',
      );
      expectProblem(await t.http.post('/v1/admin/ranking/refresh'), 401, 'UNAUTHENTICATED');
      for (const bad of ['0', '101', 'x'])
        expectProblem(await t.http.get(`/v1/ranking?limit=${bad}`), 400, 'VALIDATION_FAILED');
    });
  });

  // ───────────────────────────────────────────── rewards ──
  describe('rewards', () => {
    // An author of their own: other tests must not depend on which accounts this one has.
    let writer: RegisteredUser;
    let article: any;
    let authorUsd: { id: string };
    beforeAll(async () => {
      writer = await c.user();
      article = await c.published(writer.accessToken);
      authorUsd = await bank.open(writer.accessToken, 'USD');
    });

    it('moves money from the reader to the author account of the same currency (Transfer kind reward), replayable with Idempotency-Key', async () => {
      const { user, acc } = await bank.userWithAccounts({ USD: 10_000 });
      const before = await bank.balance(writer.accessToken, authorUsd.id);
      const key = newKey('reward');
      const res = await c.reward(
        user.accessToken,
        article.id,
        { fromAccountId: acc.USD!.id, amount: 2_500 },
        key,
      );
      expect(res.status).toBe(201);
      expect(Object.keys(res.body).sort()).toEqual(TRANSFER_KEYS);
      expect(res.body).toEqual(
        expect.objectContaining({
          fromAccountId: acc.USD!.id,
          toAccountId: authorUsd.id,
          amount: 2_500,
          currency: 'USD',
          kind: 'reward',
        }),
      );
      const replay = await c.reward(
        user.accessToken,
        article.id,
        { fromAccountId: acc.USD!.id, amount: 2_500 },
        key,
      );
      expect(replay.status).toBe(201);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.body).toEqual(res.body);
      expectProblem(
        await c.reward(
          user.accessToken,
          article.id,
          { fromAccountId: acc.USD!.id, amount: 1 },
          key,
        ),
        422,
        'IDEMPOTENCY_KEY_REUSED',
      );
      expect(await bank.balance(user.accessToken, acc.USD!.id)).toBe(7_500);
      expect(await bank.balance(writer.accessToken, authorUsd.id)).toBe(before + 2_500);
      const transfer = await t.http.get(`/v1/transfers/${res.body.id}`, {
        token: writer.accessToken,
      });
      expect(transfer.body.kind).toBe('reward');
    });

    it('parallel rewards never overdraw: exactly as many succeed as the money allows', async () => {
      const { user, acc } = await bank.userWithAccounts({ USD: 100 });
      const before = await bank.balance(writer.accessToken, authorUsd.id);
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          c.reward(user.accessToken, article.id, { fromAccountId: acc.USD!.id, amount: 30 }),
        ),
      );
      const ok = results.filter((r) => r.status === 201);
      expect(ok).toHaveLength(3);
      for (const r of results.filter((x) => x.status !== 201))
        expectProblem(r, 422, 'INSUFFICIENT_FUNDS');
      expect(await bank.balance(user.accessToken, acc.USD!.id)).toBe(10);
      expect(await bank.balance(writer.accessToken, authorUsd.id)).toBe(before + 90);
    });

    it('422 RECIPIENT_HAS_NO_ACCOUNT when the author has no account in that currency', async () => {
      const { user, acc } = await bank.userWithAccounts({ EUR: 100 });
      expectProblem(
        await c.reward(user.accessToken, article.id, { fromAccountId: acc.EUR!.id, amount: 10 }),
        422,
        'RECIPIENT_HAS_NO_ACCOUNT',
      );
      expect(await bank.balance(user.accessToken, acc.EUR!.id)).toBe(100);
    });

    it('422 CANNOT_REWARD_SELF', async () => {
      const own = (await t.http.get('/v1/accounts', { token: writer.accessToken })).body;
      const usd = (Array.isArray(own) ? own : own.items).find((x: any) => x.currency === 'USD');
      expectProblem(
        await c.reward(writer.accessToken, article.id, { fromAccountId: usd.id, amount: 1 }),
        422,
        'CANNOT_REWARD_SELF',
      );
    });

    it('422 INSUFFICIENT_FUNDS, nothing moves', async () => {
      const { user, acc } = await bank.userWithAccounts({ USD: 100 });
      const before = await bank.balance(writer.accessToken, authorUsd.id);
      expectProblem(
        await c.reward(user.accessToken, article.id, { fromAccountId: acc.USD!.id, amount: 101 }),
        422,
        'INSUFFICIENT_FUNDS',
      );
      expect(await bank.balance(user.accessToken, acc.USD!.id)).toBe(100);
      expect(await bank.balance(writer.accessToken, authorUsd.id)).toBe(before);
    });

    it("404 for an unknown or unpublished article and for someone else's account", async () => {
      const { user, acc } = await bank.userWithAccounts({ USD: 100 });
      const { acc: otherAcc } = await bank.userWithAccounts({ USD: 100 });
      expectProblem(
        await c.reward(user.accessToken, MISSING_ID, { fromAccountId: acc.USD!.id, amount: 1 }),
        404,
        'NOT_FOUND',
      );
      const draft = await c.draft(writer.accessToken);
      expectProblem(
        await c.reward(user.accessToken, draft.id, { fromAccountId: acc.USD!.id, amount: 1 }),
        404,
        'NOT_FOUND',
      );
      expectProblem(
        await c.reward(user.accessToken, article.id, {
          fromAccountId: otherAcc.USD!.id,
          amount: 1,
        }),
        404,
        'NOT_FOUND',
      );
      expectProblem(
        await c.reward(user.accessToken, article.id, { fromAccountId: MISSING_ID, amount: 1 }),
        404,
        'NOT_FOUND',
      );
      expect(await bank.balance(user.accessToken, acc.USD!.id)).toBe(100);
    });

    it.each([
      ['amount 0', { amount: 0 }],
      ['a fractional amount', { amount: 1.5 }],
      ['an amount as a string', { amount: '10' }],
      ['a missing account', { fromAccountId: undefined }],
      ['an unknown field', { toAccountId: MISSING_ID }],
    ])('400 VALIDATION_FAILED for %s', async (_what, patch) => {
      const { user, acc } = await bank.userWithAccounts({ USD: 100 });
      const body = { fromAccountId: acc.USD!.id, amount: 10, ...patch };
      expectProblem(await c.reward(user.accessToken, article.id, body), 400, 'VALIDATION_FAILED');
      expect(await bank.balance(user.accessToken, acc.USD!.id)).toBe(100);
    });

    it('rewards keep the ledger balanced (ledger:check OK with the database counts, every currency summing to 0)', async () => {
      await expectLedgerBalanced(db);
    });

    it('needs a token', async () => {
      expectProblem(
        await t.http.post(`/v1/feed/${article.id}/rewards`, {
          fromAccountId: MISSING_ID,
          amount: 1,
        }),
        401,
        'UNAUTHENTICATED',
      );
    });
  });

  it('documents every content operation in OpenAPI with a success response and problem+json errors', async () => {
    const doc = (await t.http.get('/docs-json')).body;
    const ops: Array<[string, string]> = [
      ['/v1/articles', 'post'],
      ['/v1/articles', 'get'],
      ['/v1/articles/{id}', 'get'],
      ['/v1/articles/{id}', 'patch'],
      ['/v1/articles/{id}/publish', 'post'],
      ['/v1/articles/{id}/withdraw', 'post'],
      ['/v1/feed', 'get'],
      ['/v1/feed/{id}', 'get'],
      ['/v1/feed/{id}/like', 'put'],
      ['/v1/feed/{id}/like', 'delete'],
      ['/v1/feed/{id}/collect', 'put'],
      ['/v1/feed/{id}/collect', 'delete'],
      ['/v1/feed/{id}/rewards', 'post'],
      ['/v1/users/me/collections', 'get'],
      ['/v1/ranking', 'get'],
      ['/v1/admin/ranking/refresh', 'post'],
    ];
    for (const [path, method] of ops) {
      const op = doc.paths[path]?.[method];
      expect({ path, method, documented: Boolean(op) }).toEqual({ path, method, documented: true });
      const statuses = Object.keys(op.responses);
      expect(statuses.some((s) => s.startsWith('2'))).toBe(true);
      const problem = Object.entries(op.responses).find(([s]) => s.startsWith('4'))?.[1] as any;
      expect(problem.content['application/problem+json'].schema.$ref).toBe(
        '#/components/schemas/ProblemResponse',
      );
    }
    expect(
      doc.paths['/v1/articles'].post.requestBody.content['application/json'].schema.$ref,
    ).toMatch(/CreateArticleRequest$/);
    const reward = doc.paths['/v1/feed/{id}/rewards'].post;
    expect(reward.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]),
    );
    expect(Object.keys(reward.responses)).toEqual(
      expect.arrayContaining(['201', '400', '401', '404', '409', '422']),
    );
    expect(Object.keys(doc.paths['/v1/articles/{id}/withdraw'].post.responses)).toEqual(
      expect.arrayContaining(['200', '404', '409']),
    );
  });
});
