import type { Connection } from 'mysql2/promise';
import { startApp, TestApp } from '../support/app';
import { adminEnv, ISO, loginAdmin, scalar, UUID } from '../support/bank';
import { Content } from '../support/content';
import { connectDb, uuidToBuffer } from '../support/db';
import { expectProblem, RegisteredUser } from '../support/factories';
import { eventually } from '../support/outbox';
import { RedisServer } from '../support/redis-server';

const MISSING_ID = '01900000-0000-7000-8000-0000000000ff';
const COMMENT_KEYS = [
  'articleId',
  'author',
  'content',
  'createdAt',
  'deleted',
  'id',
  'parentId',
  'replyCount',
];
const TOP_LEVEL_KEYS = [...COMMENT_KEYS, 'replies'].sort();

describe('Comments', () => {
  let t: TestApp;
  let db: Connection;
  let c: Content;
  let admin: { id: string; accessToken: string };
  let author: RegisteredUser;
  const env = adminEnv();

  const post = (token: string, articleId: string, body: unknown) =>
    t.http.post(`/v1/feed/${articleId}/comments`, body, { token });
  const remove = (token: string, commentId: string) =>
    t.http.delete(`/v1/comments/${commentId}`, { token });
  const list = (articleId: string, query = '', token?: string) =>
    t.http.get(`/v1/feed/${articleId}/comments${query}`, token ? { token } : {});
  const replies = (commentId: string, query = '', token?: string) =>
    t.http.get(`/v1/comments/${commentId}/replies${query}`, token ? { token } : {});

  async function comment(
    user: RegisteredUser,
    articleId: string,
    content = `c ${Math.random()}`,
    parentId?: string,
  ): Promise<any> {
    const res = await post(
      user.accessToken,
      articleId,
      parentId ? { content, parentId } : { content },
    );
    if (res.status !== 201) throw new Error(`comment: ${res.status} ${res.text}`);
    return res.body;
  }

  const statsComments = async (articleId: string): Promise<number> =>
    (await c.feedItem(articleId)).body.stats.comments;

  /** The article's counter and every replyCount, recounted from the rows. */
  async function expectCountersMatchRows(articleId: string): Promise<void> {
    const id = uuidToBuffer(articleId);
    const live = await scalar(
      db,
      'SELECT COUNT(*) FROM comments WHERE article_id = ? AND deleted_at IS NULL',
      [id],
    );
    expect(
      await scalar(
        db,
        'SELECT COALESCE(MAX(comments), 0) FROM article_stats WHERE article_id = ?',
        [id],
      ),
    ).toBe(live);
    expect(
      await scalar(
        db,
        `SELECT COUNT(*) FROM comments p WHERE p.article_id = ? AND p.parent_id IS NULL
           AND p.reply_count <> (SELECT COUNT(*) FROM comments r WHERE r.parent_id = p.id)`,
        [id],
      ),
    ).toBe(0);
    // No placeholder without replies is left behind.
    expect(
      await scalar(
        db,
        'SELECT COUNT(*) FROM comments WHERE article_id = ? AND deleted_at IS NOT NULL AND reply_count = 0',
        [id],
      ),
    ).toBe(0);
  }

  beforeAll(async () => {
    [t, db] = await Promise.all([startApp(env), connectDb()]);
    admin = await loginAdmin(t.http, env);
    c = new Content(t.http);
    author = await c.user();
  });
  afterAll(async () => {
    await Promise.all([t?.close(), db?.end()]);
  });

  describe('posting', () => {
    it('POST /v1/feed/:id/comments answers 201 with exactly the Comment fields, and stats.comments counts it', async () => {
      const a = await c.published(author.accessToken);
      const reader = await c.user();
      const res = await post(reader.accessToken, a.id, { content: '  First!\nwith a newline  ' });
      expect(res.status).toBe(201);
      expect(Object.keys(res.body).sort()).toEqual(COMMENT_KEYS);
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        articleId: a.id,
        parentId: null,
        author: { id: reader.id, username: reader.username, nickname: null },
        content: '  First!\nwith a newline  ',
        replyCount: 0,
        deleted: false,
        createdAt: expect.stringMatching(ISO),
      });
      expect(await statsComments(a.id)).toBe(1);
      const feed = await t.http.get('/v1/feed?limit=100');
      expect(feed.body.items.find((x: any) => x.id === a.id).stats.comments).toBe(1);
    });

    it('a reply names a top-level comment of the same article; the parent counts it in replyCount', async () => {
      const a = await c.published(author.accessToken);
      const reader = await c.user();
      const top = await comment(reader, a.id, 'top');
      const res = await post(author.accessToken, a.id, { content: 'reply', parentId: top.id });
      expect(res.status).toBe(201);
      expect(res.body).toEqual(
        expect.objectContaining({ parentId: top.id, articleId: a.id, replyCount: 0 }),
      );
      // Upper-case ids name the same comment.
      const upper = await post(author.accessToken, a.id, {
        content: 'reply 2',
        parentId: top.id.toUpperCase(),
      });
      expect(upper.status).toBe(201);
      expect(upper.body.parentId).toBe(top.id);
      const page = await list(a.id);
      expect(page.body.items).toHaveLength(1);
      expect(page.body.items[0]).toEqual(expect.objectContaining({ id: top.id, replyCount: 2 }));
      expect(await statsComments(a.id)).toBe(3);
    });

    it('a reply to a reply, to a comment of another article, to an unknown or deleted comment is 422 INVALID_PARENT', async () => {
      const [a, b] = [await c.published(author.accessToken), await c.published(author.accessToken)];
      const reader = await c.user();
      const top = await comment(reader, a.id);
      const reply = await comment(reader, a.id, 'reply', top.id);
      const elsewhere = await comment(reader, b.id);
      const gone = await comment(reader, a.id);
      const kept = await comment(reader, a.id);
      await comment(reader, a.id, 'keeps it listed', kept.id);
      expect((await remove(reader.accessToken, gone.id)).status).toBe(204);
      expect((await remove(reader.accessToken, kept.id)).status).toBe(204);
      for (const parentId of [reply.id, elsewhere.id, MISSING_ID, gone.id, kept.id]) {
        expectProblem(
          await post(reader.accessToken, a.id, { content: 'x', parentId }),
          422,
          'INVALID_PARENT',
        );
      }
      await expectCountersMatchRows(a.id);
      await expectCountersMatchRows(b.id);
    });

    it('only on published articles: a draft, a withdrawn and an unknown article are 404 for posting and listing', async () => {
      const draft = await c.draft(author.accessToken);
      const withdrawn = await c.published(author.accessToken);
      const reader = await c.user();
      const top = await comment(reader, withdrawn.id);
      expect((await c.withdraw(author.accessToken, withdrawn.id)).status).toBe(200);
      for (const id of [draft.id, withdrawn.id, MISSING_ID]) {
        expectProblem(await post(reader.accessToken, id, { content: 'x' }), 404, 'NOT_FOUND');
        expectProblem(await list(id), 404, 'NOT_FOUND');
      }
      expectProblem(await replies(top.id), 404, 'NOT_FOUND');
      expectProblem(await remove(reader.accessToken, top.id), 404, 'NOT_FOUND');
      // Republished: the comments come back, with their counter.
      expect((await c.publish(author.accessToken, withdrawn.id)).status).toBe(200);
      expect((await list(withdrawn.id)).body.items.map((x: any) => x.id)).toEqual([top.id]);
      expect(await statsComments(withdrawn.id)).toBe(1);
    });

    it('hostile input is a 400 VALIDATION_FAILED and writes nothing', async () => {
      const a = await c.published(author.accessToken);
      const reader = await c.user();
      const top = await comment(reader, a.id);
      const bodies: unknown[] = [
        {},
        { content: '' },
        { content: '   \n\t ' },
        { content: 'x'.repeat(2001) },
        { content: '😀'.repeat(2001) },
        { content: 42 },
        { content: ['a'] },
        { content: { $gt: '' } },
        { content: null },
        { content: 'x', parentId: 'not-a-uuid' },
        { content: 'x', parentId: 12 },
        { content: 'x', parentId: `${top.id}' OR 1=1 --` },
        { content: 'x', authorId: reader.id },
        { content: 'x', articleId: MISSING_ID },
        { content: 'x', deleted: true },
        { content: 'x', replyCount: 99 },
        [{ content: 'x' }],
      ];
      for (const body of bodies) {
        const res = await post(reader.accessToken, a.id, body);
        expectProblem(res, 400, 'VALIDATION_FAILED');
      }
      const raw = await t.http.post(`/v1/feed/${a.id}/comments`, undefined, {
        token: reader.accessToken,
        raw: '{"content": "x"',
        headers: { 'content-type': 'application/json' },
      });
      expectProblem(raw, 400, 'VALIDATION_FAILED');
      expectProblem(
        await post(reader.accessToken, 'not-an-id', { content: 'x' }),
        404,
        'NOT_FOUND',
      );
      expectProblem(
        await t.http.post(`/v1/feed/${a.id}/comments`, { content: 'x' }),
        401,
        'UNAUTHENTICATED',
      );
      expect(
        await scalar(db, 'SELECT COUNT(*) FROM comments WHERE article_id = ?', [
          uuidToBuffer(a.id),
        ]),
      ).toBe(1);
      expect(await statsComments(a.id)).toBe(1);
      // Odd but valid text is stored and read back as sent, never a 5xx.
      const odd = ['nul\u0000byte', 'bell\u0007', '\u202Ertl', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢'];
      for (const content of odd)
        expect((await post(reader.accessToken, a.id, { content })).status).toBe(201);
      const readBack = (await list(a.id, '?limit=4')).body.items.map((x: any) => x.content);
      expect(readBack).toEqual([...odd].reverse());
      // A lone surrogate is no character (the database would keep U+FFFD instead).
      expectProblem(
        await post(reader.accessToken, a.id, { content: 'lone \ud800 surrogate' }),
        400,
        'VALIDATION_FAILED',
      );
      // The limits themselves are accepted: 2,000 characters, emoji counted as one.
      expect((await post(reader.accessToken, a.id, { content: '😀'.repeat(2000) })).status).toBe(
        201,
      );
      expect((await post(reader.accessToken, a.id, { content: 'y'.repeat(2000) })).status).toBe(
        201,
      );
    });

    it('list parameters are checked: limit 1..100, a cursor this list produced, 401 for a bad token', async () => {
      const a = await c.published(author.accessToken);
      const u = await c.user();
      for (const q of [
        '?limit=0',
        '?limit=101',
        '?limit=x',
        '?cursor=bm90LWEtY3Vyc29y',
        '?cursor=%7B%7D',
        '?foo=1',
      ]) {
        expectProblem(await list(a.id, q), 400, 'VALIDATION_FAILED');
        const top = await comment(u, a.id);
        expectProblem(await replies(top.id, q), 400, 'VALIDATION_FAILED');
      }
      expectProblem(await list(a.id, '', 'not-a-token'), 401, 'UNAUTHENTICATED');
      expect((await list(a.id, '', author.accessToken)).status).toBe(200);
      expectProblem(await replies(MISSING_ID), 404, 'NOT_FOUND');
      expectProblem(await replies('garbage'), 404, 'NOT_FOUND');
    });
  });

  describe('lists', () => {
    it('top-level comments newest first, each with its first 3 replies oldest first; replies listed oldest first, paged', async () => {
      const a = await c.published(author.accessToken);
      const users = await Promise.all([c.user(), c.user()]);
      const tops: any[] = [];
      for (let i = 0; i < 5; i++) tops.push(await comment(users[i % 2], a.id, `top ${i}`));
      const threadReplies: any[] = [];
      for (let i = 0; i < 7; i++)
        threadReplies.push(await comment(users[(i + 1) % 2], a.id, `reply ${i}`, tops[1].id));
      await comment(users[0], a.id, 'only reply', tops[3].id);

      const page = await list(a.id);
      expect(page.status).toBe(200);
      expect(page.body.nextCursor).toBeNull();
      expect(page.body.items.map((x: any) => x.id)).toEqual(tops.map((x) => x.id).reverse());
      for (const item of page.body.items) expect(Object.keys(item).sort()).toEqual(TOP_LEVEL_KEYS);
      const byId = new Map(page.body.items.map((x: any) => [x.id, x]));
      expect(byId.get(tops[1].id)).toEqual(
        expect.objectContaining({
          replyCount: 7,
          replies: threadReplies.slice(0, 3),
        }),
      );
      expect((byId.get(tops[3].id) as any).replies.map((r: any) => r.content)).toEqual([
        'only reply',
      ]);
      expect((byId.get(tops[0].id) as any).replies).toEqual([]);
      for (const r of (byId.get(tops[1].id) as any).replies)
        expect(Object.keys(r).sort()).toEqual(COMMENT_KEYS);

      // Pages of 2: every top-level comment once, in order.
      const paged = await c.all(`/v1/feed/${a.id}/comments`, undefined, 2);
      expect(paged.map((x) => x.id)).toEqual(tops.map((x) => x.id).reverse());
      // Replies: oldest first, pages of 3, nothing twice.
      const first = await replies(tops[1].id, '?limit=3');
      expect(first.body.items).toEqual(threadReplies.slice(0, 3));
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const all = await c.all(`/v1/comments/${tops[1].id}/replies`, undefined, 3);
      expect(all).toEqual(threadReplies);
      // A reply has no replies.
      expect((await replies(threadReplies[0].id)).body).toEqual({ items: [], nextCursor: null });
    });
  });

  describe('deletion', () => {
    it('a top-level comment without replies disappears; with replies it stays as {deleted: true, content: ""} until its last reply goes', async () => {
      const a = await c.published(author.accessToken);
      const reader = await c.user();
      const lonely = await comment(reader, a.id, 'lonely');
      const parent = await comment(reader, a.id, 'parent');
      const r1 = await comment(author, a.id, 'r1', parent.id);
      const r2 = await comment(author, a.id, 'r2', parent.id);
      expect(await statsComments(a.id)).toBe(4);

      expect((await remove(reader.accessToken, lonely.id)).status).toBe(204);
      expect((await list(a.id)).body.items.map((x: any) => x.id)).toEqual([parent.id]);
      expect(await statsComments(a.id)).toBe(3);

      expect((await remove(reader.accessToken, parent.id)).status).toBe(204);
      const kept = (await list(a.id)).body.items;
      expect(kept).toEqual([
        {
          ...parent,
          content: '',
          deleted: true,
          replyCount: 2,
          replies: [r1, r2],
        },
      ]);
      expect(await statsComments(a.id)).toBe(2);
      // Its thread stays readable.
      expect((await replies(parent.id)).body.items).toEqual([r1, r2]);
      // Deleting it again, or replying to it, is refused.
      expectProblem(await remove(reader.accessToken, parent.id), 404, 'NOT_FOUND');
      expectProblem(
        await post(reader.accessToken, a.id, { content: 'late', parentId: parent.id }),
        422,
        'INVALID_PARENT',
      );

      expect((await remove(author.accessToken, r1.id)).status).toBe(204);
      expect((await list(a.id)).body.items[0]).toEqual(
        expect.objectContaining({ id: parent.id, deleted: true, replyCount: 1, replies: [r2] }),
      );
      expect((await remove(author.accessToken, r2.id)).status).toBe(204);
      // The last reply took the placeholder with it.
      expect((await list(a.id)).body).toEqual({ items: [], nextCursor: null });
      expectProblem(await replies(parent.id), 404, 'NOT_FOUND');
      expect(await statsComments(a.id)).toBe(0);
      expect(
        await scalar(db, 'SELECT COUNT(*) FROM comments WHERE article_id = ?', [
          uuidToBuffer(a.id),
        ]),
      ).toBe(0);
      await expectCountersMatchRows(a.id);
    });

    it("BOLA: another user deleting someone's comment is 404 and changes nothing; the article's author, the commenter and an admin may (204)", async () => {
      const a = await c.published(author.accessToken);
      const [commenter, stranger] = await Promise.all([c.user(), c.user()]);
      const otherAuthor = await c.user();
      const elsewhere = await c.published(otherAuthor.accessToken);
      const [x1, x2, x3] = [
        await comment(commenter, a.id, 'x1'),
        await comment(commenter, a.id, 'x2'),
        await comment(commenter, a.id, 'x3'),
      ];
      const onOther = await comment(commenter, elsewhere.id, 'not yours');
      expectProblem(await remove(stranger.accessToken, x1.id), 404, 'NOT_FOUND');
      // The author of one article has no say over comments on another.
      expectProblem(await remove(author.accessToken, onOther.id), 404, 'NOT_FOUND');
      expectProblem(await t.http.delete(`/v1/comments/${x1.id}`), 401, 'UNAUTHENTICATED');
      expectProblem(await remove(stranger.accessToken, MISSING_ID), 404, 'NOT_FOUND');
      expectProblem(await remove(stranger.accessToken, 'garbage'), 404, 'NOT_FOUND');
      expect((await list(a.id)).body.items).toHaveLength(3);
      expect(await statsComments(a.id)).toBe(3);

      expect((await remove(author.accessToken, x1.id)).status).toBe(204);
      expect((await remove(commenter.accessToken, x2.id)).status).toBe(204);
      expect((await remove(admin.accessToken, x3.id)).status).toBe(204);
      expect((await list(a.id)).body.items).toEqual([]);
      expect(await statsComments(a.id)).toBe(0);
      expect((await list(elsewhere.id)).body.items.map((x: any) => x.id)).toEqual([onOther.id]);
    });
  });

  describe('concurrency', () => {
    it('a storm of 60 parallel comments and replies by 6 users plus parallel deletes ends with exact counts and lists', async () => {
      // Its own article author: the seeds are 8 posts, within the limit of 10 a minute.
      const owner = await c.user();
      const a = await c.published(owner.accessToken);
      const users = await Promise.all(Array.from({ length: 6 }, () => c.user()));
      const seed = await Promise.all([0, 1, 2].map((i) => comment(owner, a.id, `seed ${i}`)));
      const doomed = await Promise.all(
        [0, 1, 2, 3].map((i) => comment(owner, a.id, `doomed ${i}`)),
      );
      // A parent that gets deleted while replies land on it: each reply either lands first
      // (then the parent stays as a placeholder) or is refused with INVALID_PARENT.
      const contested = await comment(owner, a.id, 'contested');

      const requests: Array<Promise<{ status: number; kind: string; body: any }>> = [];
      users.forEach((u, ui) => {
        for (let i = 0; i < 10; i++) {
          const kind = i % 3 === 0 ? 'top' : i % 3 === 1 ? 'reply' : 'contested';
          const parentId =
            kind === 'top' ? undefined : kind === 'reply' ? seed[(ui + i) % 3].id : contested.id;
          requests.push(
            post(
              u.accessToken,
              a.id,
              parentId ? { content: `${ui}/${i}`, parentId } : { content: `${ui}/${i}` },
            ).then((r) => ({ status: r.status, kind, body: r.body })),
          );
        }
      });
      for (const d of doomed)
        requests.push(
          remove(owner.accessToken, d.id).then((r) => ({
            status: r.status,
            kind: 'delete',
            body: r.body,
          })),
        );
      requests.push(
        remove(owner.accessToken, contested.id).then((r) => ({
          status: r.status,
          kind: 'delete',
          body: r.body,
        })),
      );
      const results = await Promise.all(requests);

      const posted = results.filter((r) => r.kind !== 'delete');
      for (const r of posted.filter((x) => x.kind !== 'contested')) expect(r.status).toBe(201);
      for (const r of posted.filter((x) => x.kind === 'contested'))
        expect([201, 422]).toContain(r.status);
      for (const r of results.filter((x) => x.kind === 'delete')) expect(r.status).toBe(204);
      const contestedOk = posted.filter((r) => r.kind === 'contested' && r.status === 201).length;

      const tops = posted.filter((r) => r.kind === 'top').length; // 6 users × 4
      const seedReplies = posted.filter((r) => r.kind === 'reply').length; // 6 × 3
      // Visible: the seeds, the new top-level comments, every reply; the doomed and the
      // contested parent are deleted (the latter kept as a placeholder only if replies landed).
      const visible = seed.length + tops + seedReplies + contestedOk;
      expect(await statsComments(a.id)).toBe(visible);
      await expectCountersMatchRows(a.id);

      const listed = await c.all(`/v1/feed/${a.id}/comments`, undefined, 7);
      const ids = listed.map((x) => x.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual([...ids].sort().reverse());
      expect(listed).toHaveLength(seed.length + tops + (contestedOk > 0 ? 1 : 0));
      for (const s of seed) {
        const item = listed.find((x) => x.id === s.id);
        const all = await c.all(`/v1/comments/${s.id}/replies`, undefined, 4);
        expect(item.replyCount).toBe(all.length);
        expect(item.replies).toEqual(all.slice(0, 3));
      }
      expect(listed.reduce((n, x) => n + x.replyCount, 0)).toBe(seedReplies + contestedOk);
      for (const d of doomed) expect(ids).not.toContain(d.id);
    });
  });

  describe('rate limit', () => {
    it('the 11th comment within a minute is 429 RATE_LIMITED with Retry-After; refused posts do not count', async () => {
      const a = await c.published(author.accessToken);
      const u = await c.user();
      // Refused by a rule (422, 404): not counted.
      expectProblem(
        await post(u.accessToken, a.id, { content: 'x', parentId: MISSING_ID }),
        422,
        'INVALID_PARENT',
      );
      expectProblem(await post(u.accessToken, MISSING_ID, { content: 'x' }), 404, 'NOT_FOUND');
      const ten = await Promise.all(
        Array.from({ length: 10 }, (_, i) => post(u.accessToken, a.id, { content: `#${i}` })),
      );
      expect(ten.map((r) => r.status)).toEqual(Array(10).fill(201));
      const eleventh = await post(u.accessToken, a.id, { content: 'one too many' });
      expectProblem(eleventh, 429, 'RATE_LIMITED');
      const retryAfter = Number(eleventh.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      // Per user: someone else still posts.
      expect((await post(author.accessToken, a.id, { content: 'still fine' })).status).toBe(201);
      expect(await statsComments(a.id)).toBe(11);
    });

    it('parallel posts by one user cannot slip past the limit', async () => {
      const a = await c.published(author.accessToken);
      const u = await c.user();
      const results = await Promise.all(
        Array.from({ length: 25 }, (_, i) => post(u.accessToken, a.id, { content: `p${i}` })),
      );
      expect(results.filter((r) => r.status === 201)).toHaveLength(10);
      for (const r of results.filter((x) => x.status !== 201))
        expectProblem(r, 429, 'RATE_LIMITED');
      expect(await statsComments(a.id)).toBe(10);
    });

    it('fails open while Redis is down (posts still go through, counted exactly) and applies again once it is back', async () => {
      const redis = await RedisServer.start();
      const app = await startApp({
        REDIS_URL: redis.url,
        // Its own Redis to stop, also in the Redis Cluster run.
        REDIS_CLUSTER_NODES: undefined,
        COMMENT_RATE_LIMIT_PER_MINUTE: '2',
      });
      try {
        const cc = new Content(app.http);
        const [owner, u] = await Promise.all([cc.user(), cc.user()]);
        const a = await cc.published(owner.accessToken);
        const p = (content: string) =>
          app.http.post(`/v1/feed/${a.id}/comments`, { content }, { token: u.accessToken });
        expect((await p('1')).status).toBe(201);
        expect((await p('2')).status).toBe(201);
        expectProblem(await p('3'), 429, 'RATE_LIMITED');

        await redis.stop();
        const during = [await p('4'), await p('5'), await p('6')];
        expect(during.map((r) => r.status)).toEqual([201, 201, 201]);

        await redis.resume();
        // The restarted Redis is empty: two more posts fit, then the limit holds again.
        await eventually(
          async () => ((await p('after')).status === 429 ? true : undefined),
          20_000,
          'the comment limit applies again',
        );
        const stored = await scalar(db, 'SELECT COUNT(*) FROM comments WHERE article_id = ?', [
          uuidToBuffer(a.id),
        ]);
        expect(stored).toBeGreaterThanOrEqual(7);
        expect((await cc.feedItem(a.id)).body.stats.comments).toBe(stored);
      } finally {
        await app.close();
        await redis.stop();
      }
    });
  });
});
