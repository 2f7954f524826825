import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Connection } from 'mysql2/promise';
import { startApp, TestApp } from '../support/app';
import { Content, LIST_KEYS, PUBLIC_ARTICLE_KEYS } from '../support/content';
import { connectDb, uuidToBuffer } from '../support/db';
import { expectProblem, RegisteredUser } from '../support/factories';
import { eventually } from '../support/outbox';
import { untilEventsHandled } from '../support/wait';

const ROOT = join(__dirname, '..', '..');
const SUBSCRIBER = 'search.index-article';
const PUBLISHED = 'content.article-published';
const WITHDRAWN = 'content.article-withdrawn';
/** API.md: a publish, edit publish or withdraw is reflected in results within 5 s. */
const VISIBLE_WITHIN_MS = 5_000;

/** A word no other test uses: lower-case letters only, so the index keeps it whole. */
function word(): string {
  return Array.from(randomBytes(10), (b) => String.fromCharCode(97 + (b % 26))).join('');
}

describe('Search (GET /v1/search/articles, fed from the outbox)', () => {
  let t: TestApp;
  let db: Connection;
  let c: Content;
  let author: RegisteredUser;
  let other: RegisteredUser;

  beforeAll(async () => {
    [t, db] = await Promise.all([startApp(), connectDb()]);
    c = new Content(t.http);
    [author, other] = await Promise.all([c.user(), c.user()]);
  });
  afterAll(async () => {
    await Promise.all([t?.close(), db?.end()]);
  });

  function search(q: string, query = '') {
    return t.http.get(`/v1/search/articles?q=${encodeURIComponent(q)}${query}`);
  }

  async function foundIds(q: string, query = ''): Promise<string[]> {
    const res = await search(q, query);
    expect(res.status).toBe(200);
    return res.body.items.map((i: { article: { id: string } }) => i.article.id);
  }

  /** Polls the API until `id` is (or is no longer) among the hits for `q`; returns the wait in ms. */
  async function untilFound(q: string, id: string, present = true): Promise<number> {
    const started = Date.now();
    await eventually(
      async () => ((await foundIds(q, '&limit=100')).includes(id) === present ? true : undefined),
      VISIBLE_WITHIN_MS,
      `${id} ${present ? 'found' : 'gone'} for "${q}"`,
    );
    return Date.now() - started;
  }

  async function indexRow(id: string) {
    const [rows] = await db.query(
      'SELECT title, body, visible, version FROM search_articles WHERE article_id = ?',
      [uuidToBuffer(id)],
    );
    const r = (rows as Array<{ title: string; body: string; visible: number; version: string }>)[0];
    return (
      r && { title: r.title, body: r.body, visible: Number(r.visible), version: Number(r.version) }
    );
  }

  /** An outbox row as content writes it, with a fresh event id: a late or repeated delivery. */
  async function injectEvent(type: string, payload: Record<string, unknown>): Promise<void> {
    await db.query(
      'INSERT INTO outbox (id, type, aggregate_id, payload, occurred_at) VALUES (?, ?, ?, ?, NOW(3))',
      [
        uuidToBuffer(randomUUID()),
        type,
        uuidToBuffer(String(payload.articleId)),
        JSON.stringify(payload),
      ],
    );
  }

  async function eventPayloads(id: string, type: string): Promise<Array<Record<string, unknown>>> {
    const [rows] = await db.query(
      'SELECT payload FROM outbox WHERE aggregate_id = ? AND type = ? ORDER BY id',
      [uuidToBuffer(id), type],
    );
    return (rows as Array<{ payload: string | Record<string, unknown> }>).map((r) =>
      typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
    );
  }

  describe('visibility through the outbox', () => {
    it('a published article is found within 5 s, as a PublicArticle without content plus a score', async () => {
      const w = word();
      const a = await c.published(author.accessToken, {
        title: `On ${w} and other things`,
        content: 'A body long enough to have an abstract.',
      });
      const waited = await untilFound(w, a.id);
      expect(waited).toBeLessThan(VISIBLE_WITHIN_MS);
      const res = await search(w);
      expect(res.body.nextCursor).toBeNull();
      expect(res.body.items).toHaveLength(1);
      const [hit] = res.body.items;
      expect(Object.keys(hit).sort()).toEqual(['article', 'score']);
      expect(Object.keys(hit.article).sort()).toEqual(LIST_KEYS(PUBLIC_ARTICLE_KEYS));
      expect(hit.article).toEqual(
        expect.objectContaining({
          id: a.id,
          title: `On ${w} and other things`,
          abstract: 'A body long enough to have an abstract.',
          author: { id: author.id, username: author.username, nickname: null },
          liked: false,
          collected: false,
        }),
      );
      expect(hit.score).toBeGreaterThan(0);
      // the subscriber is fed by content's event, in the publish's transaction
      expect(await eventPayloads(a.id, PUBLISHED)).toEqual([
        expect.objectContaining({ articleId: a.id, authorId: author.id }),
      ]);
    });

    it('words of the content are found too; a draft never is', async () => {
      const [inBody, inDraft] = [word(), word()];
      const a = await c.published(author.accessToken, {
        title: 'Plain title',
        content: `The content mentions ${inBody} once.`,
      });
      const draft = await c.draft(author.accessToken, {
        title: `Draft ${inDraft}`,
        content: `Draft ${inBody}`,
      });
      await untilFound(inBody, a.id);
      await untilEventsHandled(db, a.id, PUBLISHED, SUBSCRIBER);
      expect(await foundIds(inBody)).toEqual([a.id]);
      expect(await foundIds(inDraft)).toEqual([]);
      expect(await indexRow(draft.id)).toBeUndefined();
    });

    it('an edit is not searchable until it is published; after the republish its new words are found and the old ones are gone', async () => {
      const [before, after] = [word(), word()];
      const a = await c.published(author.accessToken, {
        title: `Version ${before}`,
        content: `Text about ${before}.`,
      });
      await untilFound(before, a.id);
      expect(
        (
          await c.edit(author.accessToken, a.id, {
            title: `Version ${after}`,
            content: `Text about ${after}.`,
          })
        ).status,
      ).toBe(200);
      // the draft changed, the published version did not: no event, the index keeps it
      expect(await foundIds(before)).toEqual([a.id]);
      expect(await foundIds(after)).toEqual([]);
      expect((await c.publish(author.accessToken, a.id)).status).toBe(200);
      await untilFound(after, a.id);
      await untilFound(before, a.id, false);
      const [hit] = (await search(after)).body.items;
      expect(hit.article.title).toBe(`Version ${after}`);
    });

    it('a withdrawn article is gone within 5 s, and a republished one comes back', async () => {
      const w = word();
      const a = await c.published(author.accessToken, {
        title: `Gone ${w}`,
        content: 'soon withdrawn',
      });
      await untilFound(w, a.id);
      const withdrawn = await c.withdraw(author.accessToken, a.id);
      expect(withdrawn.status).toBe(200);
      const waited = await untilFound(w, a.id, false);
      expect(waited).toBeLessThan(VISIBLE_WITHIN_MS);
      await untilEventsHandled(db, a.id, WITHDRAWN, SUBSCRIBER);
      // the index keeps a tombstone: no text, not visible, the version of the withdrawn state
      // (the article's updatedAt in ms)
      expect(await indexRow(a.id)).toEqual({
        title: '',
        body: '',
        visible: 0,
        version: Date.parse(withdrawn.body.updatedAt),
      });
      expect((await c.publish(author.accessToken, a.id)).status).toBe(200);
      await untilFound(w, a.id);
    });

    it('a withdrawn article never appears, even while the index still shows it (a lagging index)', async () => {
      const w = word();
      const keep = await c.published(author.accessToken, { title: `Kept ${w}`, content: `${w}` });
      const gone = await c.published(author.accessToken, {
        title: `Gone ${w} ${w} ${w}`,
        content: `${w} ${w}`,
      });
      await untilFound(w, keep.id);
      await untilFound(w, gone.id);
      expect((await c.withdraw(author.accessToken, gone.id)).status).toBe(200);
      await untilEventsHandled(db, gone.id, WITHDRAWN, SUBSCRIBER);
      // Provoke the lag: the index row of the withdrawn article back to visible with its text,
      // scoring above the other one (its title repeats the word).
      await db.query(
        `UPDATE search_articles SET visible = 1, title = ?, body = ?, author_id = ?, published_at = NOW(3)
         WHERE article_id = ?`,
        [`Gone ${w} ${w} ${w}`, `${w} ${w}`, uuidToBuffer(author.id), uuidToBuffer(gone.id)],
      );
      expect(await foundIds(w)).toEqual([keep.id]);
      // With limit=1 the hidden hit fills page 1: the page is empty but the list goes on.
      const first = await search(w, '&limit=1');
      expect(first.status).toBe(200);
      expect(first.body.items).toEqual([]);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await search(w, `&limit=1&cursor=${first.body.nextCursor}`);
      expect(second.body.items.map((i: any) => i.article.id)).toEqual([keep.id]);
      expect(second.body.nextCursor).toBeNull();
      // an index entry for an article content never published is hidden the same way
      const ghost = randomUUID();
      await db.query(
        `INSERT INTO search_articles (article_id, author_id, title, body, published_at, visible, version, indexed_at)
         VALUES (?, ?, ?, ?, NOW(3), 1, 1, NOW(3))`,
        [uuidToBuffer(ghost), uuidToBuffer(author.id), `Ghost ${w}`, w],
      );
      expect(await foundIds(w)).toEqual([keep.id]);
    });

    it('many articles published at once are all found within 5 s', async () => {
      const w = word();
      const articles = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          c.published(i % 2 ? author.accessToken : other.accessToken, {
            title: `Burst ${i}`,
            content: `burst ${w} number ${i}`,
          }),
        ),
      );
      const started = Date.now();
      await eventually(
        async () => ((await foundIds(w, '&limit=100')).length === 12 ? true : undefined),
        VISIBLE_WITHIN_MS,
        'all 12 found',
      );
      expect(Date.now() - started).toBeLessThan(VISIBLE_WITHIN_MS);
      expect((await foundIds(w, '&limit=100')).sort()).toEqual(articles.map((a) => a.id).sort());
    });
  });

  describe('ordering rules of the index (events arrive at least once, in any order)', () => {
    it('a rapid publish / withdraw / republish sequence ends with the index equal to content, whatever order the events are applied in', async () => {
      const [w1, w2] = [word(), word()];
      const a = await c.published(author.accessToken, { title: `First ${w1}`, content: 'one' });
      for (let i = 0; i < 3; i++) {
        expect((await c.withdraw(author.accessToken, a.id)).status).toBe(200);
        expect((await c.publish(author.accessToken, a.id)).status).toBe(200);
      }
      expect((await c.edit(author.accessToken, a.id, { title: `Last ${w2}` })).status).toBe(200);
      expect((await c.publish(author.accessToken, a.id)).status).toBe(200);
      expect(await untilEventsHandled(db, a.id, PUBLISHED, SUBSCRIBER)).toBe(5);
      expect(await untilEventsHandled(db, a.id, WITHDRAWN, SUBSCRIBER)).toBe(3);
      expect(await indexRow(a.id)).toEqual(
        expect.objectContaining({ title: `Last ${w2}`, visible: 1 }),
      );
      expect(await foundIds(w2)).toEqual([a.id]);
      expect(await foundIds(w1)).toEqual([]);
    });

    it('a publish event delivered late (after the withdrawal) does not resurrect the article; a withdrawal delivered twice is harmless', async () => {
      const w = word();
      const a = await c.published(author.accessToken, { title: `Late ${w}`, content: 'late' });
      await untilFound(w, a.id);
      expect((await c.withdraw(author.accessToken, a.id)).status).toBe(200);
      await untilEventsHandled(db, a.id, WITHDRAWN, SUBSCRIBER);
      const tomb = await indexRow(a.id);
      const [publish] = await eventPayloads(a.id, PUBLISHED);
      const [withdrawal] = await eventPayloads(a.id, WITHDRAWN);
      await injectEvent(PUBLISHED, publish);
      await injectEvent(WITHDRAWN, withdrawal);
      await injectEvent(WITHDRAWN, withdrawal);
      expect(await untilEventsHandled(db, a.id, PUBLISHED, SUBSCRIBER)).toBe(2);
      expect(await untilEventsHandled(db, a.id, WITHDRAWN, SUBSCRIBER)).toBe(3);
      expect(await indexRow(a.id)).toEqual(tomb);
      expect(await foundIds(w)).toEqual([]);
    });

    it('a withdrawal delivered late (after the republish) does not hide the republished article', async () => {
      const [w1, w2] = [word(), word()];
      const a = await c.published(author.accessToken, { title: `Old ${w1}`, content: 'v1' });
      expect((await c.withdraw(author.accessToken, a.id)).status).toBe(200);
      expect((await c.edit(author.accessToken, a.id, { title: `New ${w2}` })).status).toBe(200);
      expect((await c.publish(author.accessToken, a.id)).status).toBe(200);
      await untilFound(w2, a.id);
      expect(await untilEventsHandled(db, a.id, PUBLISHED, SUBSCRIBER)).toBe(2);
      const held = await indexRow(a.id);
      const [firstPublish] = await eventPayloads(a.id, PUBLISHED);
      const [withdrawal] = await eventPayloads(a.id, WITHDRAWN);
      await injectEvent(WITHDRAWN, withdrawal);
      await injectEvent(PUBLISHED, firstPublish);
      expect(await untilEventsHandled(db, a.id, WITHDRAWN, SUBSCRIBER)).toBe(2);
      expect(await untilEventsHandled(db, a.id, PUBLISHED, SUBSCRIBER)).toBe(3);
      expect(await indexRow(a.id)).toEqual(held);
      expect(await foundIds(w2)).toEqual([a.id]);
      expect(await foundIds(w1)).toEqual([]);
    });

    it('the same event delivered again (the relay re-publishing its row) is applied once', async () => {
      const w = word();
      const a = await c.published(author.accessToken, { title: `Twice ${w}`, content: 'twice' });
      await untilEventsHandled(db, a.id, PUBLISHED, SUBSCRIBER);
      const before = await indexRow(a.id);
      await db.query('UPDATE outbox SET published_at = NULL WHERE aggregate_id = ? AND type = ?', [
        uuidToBuffer(a.id),
        PUBLISHED,
      ]);
      await eventually(
        async () => {
          const [rows] = await db.query(
            'SELECT COUNT(*) AS n FROM outbox WHERE aggregate_id = ? AND published_at IS NULL',
            [uuidToBuffer(a.id)],
          );
          return Number((rows as Array<{ n: number }>)[0].n) === 0 ? true : undefined;
        },
        10_000,
        'the outbox row relayed again',
      );
      const [marks] = await db.query(
        `SELECT COUNT(*) AS n FROM processed_events p JOIN outbox o ON o.id = p.event_id
         WHERE o.aggregate_id = ? AND p.subscriber = ?`,
        [uuidToBuffer(a.id), SUBSCRIBER],
      );
      expect(Number((marks as Array<{ n: number }>)[0].n)).toBe(1);
      expect(await indexRow(a.id)).toEqual(before);
      expect(await foundIds(w)).toEqual([a.id]);
    });
  });

  describe('relevance and pagination', () => {
    it('a match in the title ranks above a match in the content, even a repeated one', async () => {
      const w = word();
      const inBody = await c.published(author.accessToken, {
        title: 'Something else entirely',
        content: `${w} ${w} ${w} appears three times in this content.`,
      });
      const inTitle = await c.published(other.accessToken, {
        title: `All about ${w}`,
        content: 'The content does not repeat it.',
      });
      await untilFound(w, inBody.id);
      await untilFound(w, inTitle.id);
      const res = await search(w);
      expect(res.body.items.map((i: any) => i.article.id)).toEqual([inTitle.id, inBody.id]);
      expect(res.body.items[0].score).toBeGreaterThan(res.body.items[1].score);
    });

    it('an article matching more of the words ranks higher', async () => {
      const [w1, w2] = [word(), word()];
      const one = await c.published(author.accessToken, { title: 'One', content: `${w1} only` });
      const both = await c.published(author.accessToken, {
        title: 'Both',
        content: `${w1} and ${w2}`,
      });
      await untilFound(w1, one.id);
      await untilFound(w1, both.id);
      expect(await foundIds(`${w1} ${w2}`)).toEqual([both.id, one.id]);
    });

    it('pages follow (score, id) without overlap or gap, best first, and equal scores page stably', async () => {
      const w = word();
      // 9 with the word once in the content (equal scores), 4 with it in the title too
      const articles = [];
      for (let i = 0; i < 13; i++) {
        articles.push(
          await c.published(author.accessToken, {
            title: i < 4 ? `Title ${w} ${i}` : `Plain ${i}`,
            content: `Content ${w} number ${i}`,
          }),
        );
      }
      await eventually(
        async () => ((await foundIds(w, '&limit=100')).length === 13 ? true : undefined),
        VISIBLE_WITHIN_MS,
        'all 13 indexed',
      );
      const all = (await search(w, '&limit=100')).body.items;
      const seen: any[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await search(w, `&limit=4${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(4);
        seen.push(...res.body.items);
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(4);
      expect(seen.map((i) => i.article.id)).toEqual(all.map((i: any) => i.article.id));
      expect(new Set(seen.map((i) => i.article.id)).size).toBe(13);
      const scores = seen.map((i) => i.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      // the four title hits first; among equal scores, newest id first
      const titled = articles.slice(0, 4).map((a) => a.id);
      expect(
        seen
          .slice(0, 4)
          .map((i) => i.article.id)
          .sort(),
      ).toEqual(titled.sort());
      const plain = seen.slice(4).map((i) => i.article.id);
      expect(plain).toEqual([...plain].sort().reverse());
      expect(new Set(seen.slice(4).map((i) => i.score)).size).toBe(1);
    });

    it('bad limits and cursors are 400 VALIDATION_FAILED', async () => {
      for (const query of ['&limit=0', '&limit=101', '&limit=abc', '&cursor=not-a-cursor']) {
        expectProblem(await search('anything', query), 400, 'VALIDATION_FAILED');
      }
      const forged = [
        { s: '1; DROP TABLE search_articles', id: randomUUID() },
        { s: '-1', id: randomUUID() },
        { s: '1e308', id: randomUUID() },
        { s: '0.5', id: "' OR 1=1 --" },
        { s: 0.5, id: randomUUID() },
        { p: '2026-01-01T00:00:00.000Z', id: randomUUID() },
      ];
      for (const position of forged) {
        const cursor = Buffer.from(JSON.stringify(position)).toString('base64url');
        expectProblem(await search('anything', `&cursor=${cursor}`), 400, 'VALIDATION_FAILED');
      }
    });
  });

  describe('hostile queries: user text is never full-text syntax or SQL', () => {
    let w: string;
    let plus: any;
    let quoted: any;

    beforeAll(async () => {
      w = word();
      plus = await c.published(author.accessToken, {
        title: `C++ ${w} guide`,
        content: `Operators in text: +${w} -minus *star "quoted phrase" (paren) ~tilde <less> @at 'single' back\\slash café 東京タワー 🙂`,
      });
      quoted = await c.published(author.accessToken, {
        title: `Searchable ${w}x`,
        content: 'A word that only starts like the other.',
      });
      await untilFound(w, plus.id);
      await untilFound(`${w}x`, quoted.id);
    });

    it.each([
      ['+', (w: string) => `+${w}`],
      ['- (would exclude in BOOLEAN MODE)', (w: string) => `-${w}`],
      ['quotes', (w: string) => `"${w}"`],
      ['unbalanced quote', (w: string) => `"${w}`],
      ['@ distance', (w: string) => `"${w} guide" @3`],
      ['parentheses and ~ < >', (w: string) => `(${w}) ~${w} <${w} >${w}`],
      ["'", (w: string) => `${w}'`],
      ['backslash', (w: string) => `${w}\\`],
      ['SQL', (w: string) => `${w}'; DROP TABLE search_articles; --`],
      ['SQL OR', (w: string) => `${w}') OR 1=1 -- `],
      ['percent and underscore', (w: string) => `%${w}%_`],
    ])('%s: 200, the plain word is matched, nothing is interpreted', async (_name, q) => {
      const res = await search(q(w));
      expect(res.status).toBe(200);
      expect(res.body.items.map((i: any) => i.article.id)).toEqual([plus.id]);
    });

    it('* is not a prefix wildcard: the word itself only', async () => {
      expect(await foundIds(`${w}*`)).toEqual([plus.id]);
      expect(await foundIds(`${w.slice(0, 6)}*`)).toEqual([]);
    });

    it('a query of operators, punctuation or short words only is 200 with an empty list', async () => {
      for (const q of ['+-*"()~<>@', '"', "'", '\\', '--', '* * *', 'a b', '   ', '🙂']) {
        const res = await search(q);
        expect({ q, status: res.status, body: res.body }).toEqual({
          q,
          status: 200,
          body: { items: [], nextCursor: null },
        });
      }
    });

    it('unicode words are matched (accents folded by the collation; CJK as a whole word)', async () => {
      expect(await foundIds('café')).toContain(plus.id);
      expect(await foundIds('CAFE')).toContain(plus.id);
      expect(await foundIds('東京タワー')).toEqual([plus.id]);
    });

    it('the table survived every attempt and search still works', async () => {
      const [rows] = await db.query('SELECT COUNT(*) AS n FROM search_articles');
      expect(Number((rows as Array<{ n: number }>)[0].n)).toBeGreaterThan(0);
      expect(await foundIds(w)).toEqual([plus.id]);
    });

    it('q is 1..100 characters (code points): 100 is fine, 101, empty, missing or repeated is 400', async () => {
      expect((await search(`${w} ${'x'.repeat(100 - w.length - 1)}`)).status).toBe(200);
      expect((await search('🙂'.repeat(100))).status).toBe(200);
      expectProblem(await search('x'.repeat(101)), 400, 'VALIDATION_FAILED');
      expectProblem(await search(''), 400, 'VALIDATION_FAILED');
      expectProblem(await t.http.get('/v1/search/articles'), 400, 'VALIDATION_FAILED');
      expectProblem(
        await t.http.get(`/v1/search/articles?q=${w}&q=other`),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(await search(w, '&extra=1'), 400, 'VALIDATION_FAILED');
    });

    it('is public: the same answer with or without a token (liked/collected stay false)', async () => {
      const anonymous = await t.http.get(`/v1/search/articles?q=${w}`);
      const signedIn = await t.http.get(`/v1/search/articles?q=${w}`, { token: other.accessToken });
      expect(anonymous.status).toBe(200);
      expect(signedIn.body).toEqual(anonymous.body);
      expect(anonymous.body.items[0]).toEqual(
        expect.objectContaining({
          article: expect.objectContaining({ liked: false, collected: false }),
        }),
      );
    });
  });

  describe('npm run search:reindex', () => {
    async function reindex(): Promise<Record<string, number>> {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [join(ROOT, 'dist', 'cli', 'search-reindex.js')],
        { cwd: ROOT, env: process.env },
      );
      return JSON.parse(stdout);
    }

    it('backfills an emptied index from the published articles, drops entries of unpublished ones, and a second run writes nothing', async () => {
      const [w, gone] = [word(), word()];
      const kept = await c.published(author.accessToken, {
        title: `Backfill ${w}`,
        content: 'kept',
      });
      const withdrawn = await c.published(author.accessToken, {
        title: `Backfill ${gone}`,
        content: 'gone',
      });
      expect((await c.withdraw(author.accessToken, withdrawn.id)).status).toBe(200);
      await untilEventsHandled(db, kept.id, PUBLISHED, SUBSCRIBER);
      await untilEventsHandled(db, withdrawn.id, WITHDRAWN, SUBSCRIBER);
      // an index that lost everything, plus a stale visible entry no event will ever fix
      await db.query('DELETE FROM search_articles');
      await db.query(
        `INSERT INTO search_articles (article_id, author_id, title, body, published_at, visible, version, indexed_at)
         VALUES (?, ?, ?, '', NOW(3), 1, 1, NOW(3))`,
        [uuidToBuffer(withdrawn.id), uuidToBuffer(author.id), `Backfill ${gone}`],
      );
      expect(await foundIds(w)).toEqual([]);
      const [published] = await db.query('SELECT COUNT(*) AS n FROM published_articles');
      const publishedCount = Number((published as Array<{ n: number }>)[0].n);

      const first = await reindex();
      expect(first).toEqual(
        expect.objectContaining({
          published: publishedCount,
          indexed: publishedCount,
          removed: 1,
          stale: 0,
        }),
      );
      expect(await foundIds(w)).toEqual([kept.id]);
      expect(await indexRow(withdrawn.id)).toEqual(
        expect.objectContaining({ visible: 0, title: '' }),
      );
      const [visible] = await db.query(
        'SELECT COUNT(*) AS n FROM search_articles WHERE visible = 1',
      );
      expect(Number((visible as Array<{ n: number }>)[0].n)).toBe(publishedCount);

      const second = await reindex();
      expect(second).toEqual(
        expect.objectContaining({
          published: publishedCount,
          checked: publishedCount,
          indexed: 0,
          removed: 0,
          unchanged: publishedCount,
        }),
      );
    });
  });

  it('documents GET /v1/search/articles in OpenAPI: operationId, 200 schema, 400 problem+json', async () => {
    const doc = (await t.http.get('/docs-json')).body;
    const op = doc.paths['/v1/search/articles']?.get;
    expect(op.operationId).toBe('searchArticles');
    expect(op.security ?? []).toEqual([]);
    expect(op.parameters.map((p: any) => p.name).sort()).toEqual(['cursor', 'limit', 'q']);
    expect(op.parameters.find((p: any) => p.name === 'q')).toEqual(
      expect.objectContaining({
        required: true,
        schema: expect.objectContaining({ minLength: 1, maxLength: 100 }),
      }),
    );
    expect(op.responses['200'].content['application/json'].schema.$ref).toMatch(
      /SearchArticlesPageResponse$/,
    );
    expect(op.responses['400'].content['application/problem+json'].schema.$ref).toBe(
      '#/components/schemas/ProblemResponse',
    );
    const hit = doc.components.schemas.SearchHitResponse;
    expect(Object.keys(hit.properties).sort()).toEqual(['article', 'score']);
  });
});
