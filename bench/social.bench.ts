import { createConnection, Connection } from 'mysql2/promise';
import { newId } from '../src/domain/shared/uuid';
import {
  BENCH_ADMIN,
  call,
  dbEnv,
  load,
  registerUser,
  report,
  Result,
  startProcess,
} from './harness';

const ROWS_PER_INSERT = 1000;
const ARTICLES_PER_AUTHOR = 3;
const MANY = Number(process.env.BENCH_SOCIAL_FOLLOWEES ?? 5000);
const FAN_FOLLOWERS = Number(process.env.BENCH_SOCIAL_FOLLOWERS ?? 50_000);
const CELEBRITIES = 10;

const bin = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');

async function insertRows(
  db: Connection,
  head: string,
  row: string,
  rows: unknown[][],
): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT);
    await db.query(`${head} VALUES ${chunk.map(() => row).join(', ')}`, chunk.flat());
  }
}

async function seedUsers(db: Connection, n: number, prefix: string): Promise<string[]> {
  const now = new Date();
  const ids = Array.from({ length: n }, () => newId());
  await insertRows(
    db,
    'INSERT INTO users (id, username, email, full_name, nickname, role, email_verified, created_at, updated_at)',
    "(?, ?, ?, 'Seed', NULL, 'user', 0, ?, ?)",
    ids.map((id) => {
      const name = `${prefix}_${id.replace(/-/g, '').slice(-14)}`;
      return [bin(id), name, `${name}@example.com`, now, now];
    }),
  );
  return ids;
}

interface Seeded {
  id: string;
  authorId: string;
  publishedAt: Date;
}

/** `perAuthor` published articles by each author, in both stores, publish times over 30 days. */
async function seedArticles(
  db: Connection,
  authors: string[],
  perAuthor: number,
): Promise<Seeded[]> {
  const out: Seeded[] = [];
  const now = Date.now();
  for (const authorId of authors)
    for (let i = 0; i < perAuthor; i++)
      out.push({
        id: newId(),
        authorId,
        publishedAt: new Date(now - 60_000 - Math.floor(Math.random() * 30 * 86_400_000)),
      });
  const content = 'A seeded article for the following feed benchmark. '.repeat(3);
  await insertRows(
    db,
    'INSERT INTO articles (id, author_id, title, content, abstract, status, has_unpublished_changes, created_at, updated_at, published_at)',
    "(?, ?, 'Seeded', ?, ?, 'published', 0, ?, ?, ?)",
    out.map((a) => [
      bin(a.id),
      bin(a.authorId),
      content,
      content.slice(0, 128),
      a.publishedAt,
      a.publishedAt,
      a.publishedAt,
    ]),
  );
  await insertRows(
    db,
    'INSERT INTO published_articles (id, author_id, title, content, abstract, published_at)',
    "(?, ?, 'Seeded', ?, ?, ?)",
    out.map((a) => [bin(a.id), bin(a.authorId), content, content.slice(0, 128), a.publishedAt]),
  );
  return out;
}

/** Follow rows plus the counters the API would have kept (followers of each followee, following of each follower). */
async function seedFollows(db: Connection, pairs: Array<[string, string]>): Promise<void> {
  const at = new Date(Date.now() - 120_000);
  await insertRows(
    db,
    'INSERT INTO social_follows (follower_id, followee_id, created_at)',
    '(?, ?, ?)',
    pairs.map(([a, b]) => [bin(a), bin(b), at]),
  );
  const counts = new Map<string, [number, number]>();
  for (const [a, b] of pairs) {
    const ca = counts.get(a) ?? [0, 0];
    ca[1]++;
    counts.set(a, ca);
    const cb = counts.get(b) ?? [0, 0];
    cb[0]++;
    counts.set(b, cb);
  }
  await insertRows(
    db,
    'INSERT INTO social_follow_counts (user_id, followers, following)',
    '(?, ?, ?)',
    [...counts].map(([id, [followers, following]]) => [bin(id), followers, following]),
  );
}

/** What the fan-out would have written for `reader`: every article of the authors followed. */
async function seedTimeline(db: Connection, reader: string, articles: Seeded[]): Promise<void> {
  await insertRows(
    db,
    'INSERT INTO social_timeline (reader_id, article_id, author_id, published_at)',
    '(?, ?, ?, ?)',
    articles.map((a) => [bin(reader), bin(a.id), bin(a.authorId), a.publishedAt]),
  );
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * The pure fan-out-on-read alternative, timed in the database alone: the newest 21 articles
 * of the reader's followees with one query over published_articles (an IN list of followees on
 * ix_published_articles_author, then a sort), the query a pull model runs on every page.
 */
async function pullModelTiming(db: Connection, followees: string[], runs = 30): Promise<string> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await db.query(
      `SELECT id, author_id, published_at FROM published_articles WHERE author_id IN (${followees.map(() => '?').join(', ')})
       ORDER BY published_at DESC, id DESC LIMIT 21`,
      followees.map(bin),
    );
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return `p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms`;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not reached within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - started;
}

/**
 * GET /v1/feed/following for a reader following 5 authors, one following MANY (5,000) and one
 * following MANY plus 10 celebrities (hybrid merge), against GET /v1/feed in the same run; then
 * an author with 50,000 followers publishing: through the celebrity path (read side, no
 * fan-out) and, for contrast, fanned out on write (time until all 50,000 timelines hold it).
 */
export async function socialBenchmarks(
  appEnv: Record<string, string>,
  duration: number,
): Promise<string[]> {
  const api = await startProcess(['dist/main.js'], { ...appEnv, ...BENCH_ADMIN });
  const db = await createConnection({
    host: dbEnv.DB_HOST,
    port: Number(dbEnv.DB_PORT),
    user: dbEnv.DB_USER,
    password: dbEnv.DB_PASSWORD,
    database: appEnv.DB_NAME,
  });
  try {
    const seedStarted = Date.now();
    const [few, many, hybrid, star, fanned] = await Promise.all([
      registerUser(api.url, 'bench_few'),
      registerUser(api.url, 'bench_many'),
      registerUser(api.url, 'bench_hybrid'),
      registerUser(api.url, 'bench_star'),
      registerUser(api.url, 'bench_fanned'),
    ]);
    const authors = await seedUsers(db, MANY, 'fa');
    const celebrities = await seedUsers(db, CELEBRITIES, 'ce');
    const articles = await seedArticles(db, authors, ARTICLES_PER_AUTHOR);
    await seedArticles(db, celebrities, 10);
    const fewAuthors = authors.slice(0, 5);
    const followerIds = Array.from({ length: FAN_FOLLOWERS }, () => newId());
    await seedFollows(db, [
      ...fewAuthors.map((a) => [few.id, a] as [string, string]),
      ...authors.map((a) => [many.id, a] as [string, string]),
      ...authors.map((a) => [hybrid.id, a] as [string, string]),
      ...celebrities.map((c) => [hybrid.id, c] as [string, string]),
      // The star and the "fanned" author each have FAN_FOLLOWERS followers (the hybrid reader among the star's).
      ...followerIds.map((f) => [f, star.id] as [string, string]),
      [hybrid.id, star.id],
      ...followerIds.map((f) => [f, fanned.id] as [string, string]),
    ]);
    await insertRows(
      db,
      'INSERT INTO social_celebrities (user_id, since)',
      '(?, ?)',
      [...celebrities, star.id].map((c) => [bin(c), new Date()]),
    );
    const inFew = new Set(fewAuthors);
    await seedTimeline(
      db,
      few.id,
      articles.filter((a) => inFew.has(a.authorId)),
    );
    await seedTimeline(db, many.id, articles);
    await seedTimeline(db, hybrid.id, articles);
    const seededMs = Date.now() - seedStarted;

    const pullFew = await pullModelTiming(db, fewAuthors);
    const pullMany = await pullModelTiming(db, authors);

    const page = (token: string, path: string) => ({
      method: 'GET' as const,
      path,
      headers: { authorization: `Bearer ${token}` },
    });
    await load('warm-up', api.url, {
      connections: 16,
      duration: 2,
      requests: [page(few.token, '/v1/feed/following'), page(many.token, '/v1/feed/following')],
    });
    const run = (name: string, token: string, path: string): Promise<Result> =>
      load(name, api.url, { connections: 16, duration, requests: [page(token, path)] });
    const baseline = await run('GET /v1/feed (public feed)', few.token, '/v1/feed');
    const feedFew = await run('following feed, 5 followees', few.token, '/v1/feed/following');
    const feedMany = await run(
      `following feed, ${MANY} followees`,
      many.token,
      '/v1/feed/following',
    );
    const feedHybrid = await run(
      `following feed, ${MANY} + ${CELEBRITIES + 1} celebrities`,
      hybrid.token,
      '/v1/feed/following',
    );
    // Deep in the list: the cursor of a page far down the timeline (same cost expected).
    let cursor: string | null = null;
    for (let i = 0; i < 50; i++) {
      const body: { nextCursor: string | null } = await call(
        `${api.url}/v1/feed/following?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        'GET',
        undefined,
        many.token,
      );
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    const feedDeep = cursor
      ? await run(
          `following feed, ${MANY} followees, page ~250`,
          many.token,
          `/v1/feed/following?cursor=${encodeURIComponent(cursor)}`,
        )
      : null;

    // An author with FAN_FOLLOWERS followers publishes. Celebrity path: nothing is fanned out,
    // the hybrid reader sees it on the next read.
    const draft = await call<{ id: string }>(
      `${api.url}/v1/articles`,
      'POST',
      { title: 'Star post', content: 'Hello followers' },
      star.token,
    );
    const t0 = Date.now();
    await call(`${api.url}/v1/articles/${draft.id}/publish`, 'POST', undefined, star.token);
    const celebrityVisibleMs = await waitFor(async () => {
      const body: { items: Array<{ id: string }> } = await call(
        `${api.url}/v1/feed/following?limit=1`,
        'GET',
        undefined,
        hybrid.token,
      );
      return body.items[0]?.id === draft.id;
    }, 30_000);
    const publishToVisible = Date.now() - t0;
    // Fan-out on write of the same size, for contrast (the "fanned" author is not a celebrity).
    const fannedDraft = await call<{ id: string }>(
      `${api.url}/v1/articles`,
      'POST',
      { title: 'Fanned post', content: 'Hello followers' },
      fanned.token,
    );
    const t1 = Date.now();
    await call(`${api.url}/v1/articles/${fannedDraft.id}/publish`, 'POST', undefined, fanned.token);
    let firstMs = 0;
    const allMs = await waitFor(async () => {
      const [[row]] = (await db.query(
        'SELECT COUNT(*) AS n FROM social_timeline WHERE article_id = ?',
        [bin(fannedDraft.id)],
      )) as any;
      if (firstMs === 0 && Number(row.n) > 0) firstMs = Date.now() - t1;
      return Number(row.n) >= FAN_FOLLOWERS;
    }, 300_000);
    const fanoutMs = Date.now() - t1;

    const lines = [
      report('Following feed, 5 followees vs GET /v1/feed, 16 connections', feedFew, baseline),
      report(`Following feed, ${MANY} followees vs GET /v1/feed`, feedMany, baseline),
      report(
        `Following feed, ${MANY} followees + ${CELEBRITIES + 1} celebrities (hybrid merge) vs GET /v1/feed`,
        feedHybrid,
        baseline,
      ),
      report(
        `Following feed, ${MANY} vs 5 followees (same cost expected: ratio ≈ 1)`,
        feedMany,
        feedFew,
      ),
    ];
    if (feedDeep)
      lines.push(
        report(`Following feed, ${MANY} followees: page ~250 vs page 1`, feedDeep, feedMany),
      );
    lines.push(
      [
        `Pure fan-out on read (one IN-list query over published_articles, database time only):`,
        `  5 followees: ${pullFew}; ${MANY} followees: ${pullMany}`,
        `Author with ${FAN_FOLLOWERS} followers publishes:`,
        `  celebrity path (read side): visible in a follower's feed ${publishToVisible} ms after the publish call started (poll ${celebrityVisibleMs} ms), 0 timeline rows written`,
        `  fan-out on write (for contrast): first timeline after ${firstMs} ms, all ${FAN_FOLLOWERS} after ${allMs} ms (${fanoutMs} ms from publish; ${Math.round(FAN_FOLLOWERS / (fanoutMs / 1000))} timelines/s)`,
        `Seeded ${MANY} authors × ${ARTICLES_PER_AUTHOR} articles, ${CELEBRITIES} celebrities, ${2 * FAN_FOLLOWERS} follows of two big authors, ${2 * articles.length} timeline rows in ${seededMs} ms`,
      ].join('\n'),
    );
    return lines;
  } finally {
    await db.end();
    await api.stop();
  }
}
