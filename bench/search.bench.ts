import { execFileSync } from 'node:child_process';
import { createConnection, Connection } from 'mysql2/promise';
import { newId } from '../src/domain/shared/uuid';
import {
  call,
  dbEnv,
  load,
  registerUser,
  report,
  ROOT,
  startProcess,
  withNon2xxAsErrors,
} from './harness';

const BATCH = 500;
/** A made-up vocabulary of 1,000 six-letter words, so the index holds real word statistics. */
const SYLLABLES = ['ka', 'lo', 'mi', 'nu', 're', 'sa', 'ti', 'vo', 'ze', 'bu'];
const VOCABULARY = Array.from(
  { length: 1000 },
  (_, i) => SYLLABLES[Math.floor(i / 100)] + SYLLABLES[Math.floor(i / 10) % 10] + SYLLABLES[i % 10],
);
/** In exactly 5 articles: a query with few matches. */
const RARE = 'quetzalcoatl';

/** Zipf-like: low indexes are common (word 2 in ~2/3 of the articles, word 20 in ~1/4). */
function someWord(): string {
  return VOCABULARY[Math.floor(VOCABULARY.length * Math.pow(Math.random(), 3))];
}

function words(n: number): string {
  return Array.from({ length: n }, someWord).join(' ');
}

const bin = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');

/** N published articles straight into content's two stores (titles of 4 words, bodies of 60). */
async function seed(db: Connection, count: number): Promise<number> {
  const started = Date.now();
  const now = Date.now();
  const authorId = newId();
  const username = `seed_${authorId.slice(-12)}`;
  await db.query(
    `INSERT INTO users (id, username, email, full_name, nickname, role, email_verified, created_at, updated_at)
     VALUES (?, ?, ?, 'Seed Author', 'Seeder', 'user', 0, ?, ?)`,
    [bin(authorId), username, `${username}@example.com`, new Date(now), new Date(now)],
  );
  for (let done = 0; done < count; done += BATCH) {
    const n = Math.min(BATCH, count - done);
    const articles: unknown[] = [];
    const published: unknown[] = [];
    for (let i = 0; i < n; i++) {
      const id = bin(newId());
      const at = new Date(now - Math.floor(Math.random() * 30 * 86_400_000));
      const title = words(4);
      const content = `${words(60)}${done + i < 5 ? ` ${RARE}` : ''}.`;
      articles.push(id, bin(authorId), title, content, content.slice(0, 128), at, at, at);
      published.push(id, bin(authorId), title, content, content.slice(0, 128), at);
    }
    await db.query(
      `INSERT INTO articles (id, author_id, title, content, abstract, status, has_unpublished_changes, created_at, updated_at, published_at)
       VALUES ${Array.from({ length: n }, () => "(?, ?, ?, ?, ?, 'published', 0, ?, ?, ?)").join(', ')}`,
      articles,
    );
    await db.query(
      `INSERT INTO published_articles (id, author_id, title, content, abstract, published_at)
       VALUES ${Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
      published,
    );
  }
  return Date.now() - started;
}

async function matches(db: Connection, word: string): Promise<number> {
  const [rows] = await db.query(
    'SELECT COUNT(*) AS n FROM search_articles WHERE MATCH(title, body) AGAINST (?) AND visible = 1',
    [word],
  );
  return Number((rows as Array<{ n: number }>)[0].n);
}

/** The cursor after `pages` pages of `limit`: where a deep page starts. */
async function cursorAfter(url: string, q: string, pages: number, limit: number): Promise<string> {
  let cursor: string | null = null;
  for (let i = 0; i < pages; i++) {
    const page: { nextCursor: string | null } = await call(
      `${url}/v1/search/articles?q=${q}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      'GET',
    );
    if (!page.nextCursor) throw new Error(`"${q}" has fewer than ${pages} pages`);
    cursor = page.nextCursor;
  }
  return cursor!;
}

/**
 * GET /v1/search/articles over BENCH_SEARCH_ARTICLES (default 10,000) articles indexed by
 * `search:reindex`: a broad query (most articles match), a common one (about a quarter), a rare
 * one (5 matches), and the common one at page 51; baseline GET /v1/feed (first page, 20 items)
 * in the same run. Then publish → searchable through the outbox, measured per article.
 */
export async function searchBenchmarks(
  appEnv: Record<string, string>,
  duration: number,
): Promise<string[]> {
  const count = Number(process.env.BENCH_SEARCH_ARTICLES ?? 10_000);
  const api = await startProcess(['dist/main.js'], appEnv);
  const db = await createConnection({
    host: dbEnv.DB_HOST,
    port: Number(dbEnv.DB_PORT),
    user: dbEnv.DB_USER,
    password: dbEnv.DB_PASSWORD,
    database: appEnv.DB_NAME,
  });
  try {
    const seedMs = await seed(db, count);
    const reindexStarted = Date.now();
    const reindex = JSON.parse(
      execFileSync(process.execPath, ['dist/cli/search-reindex.js'], {
        cwd: ROOT,
        env: { ...process.env, ...appEnv },
        stdio: ['ignore', 'pipe', 'ignore'],
      }).toString(),
    ) as { indexed: number };
    const reindexMs = Date.now() - reindexStarted;

    const [broad, common] = [VOCABULARY[2], VOCABULARY[20]];
    const counts = {
      broad: await matches(db, broad),
      common: await matches(db, common),
      rare: await matches(db, RARE),
    };
    const deepCursor = await cursorAfter(api.url, common, 50, 20);
    const scenario = (name: string, path: string) =>
      load(name, api.url, { connections: 32, duration, requests: [{ method: 'GET', path }] }).then(
        withNon2xxAsErrors,
      );
    await load('warm-up', api.url, {
      connections: 32,
      duration: 2,
      requests: [
        { method: 'GET', path: `/v1/search/articles?q=${common}` },
        { method: 'GET', path: '/v1/feed' },
      ],
    });
    const feed = await scenario('GET /v1/feed (first page, baseline)', '/v1/feed');
    const results = [
      await scenario(
        `search "${broad}" page 1 (${counts.broad} matches)`,
        `/v1/search/articles?q=${broad}`,
      ),
      await scenario(
        `search "${common}" page 1 (${counts.common} matches)`,
        `/v1/search/articles?q=${common}`,
      ),
      await scenario(
        `search "${common}" page 51 (${counts.common} matches)`,
        `/v1/search/articles?q=${common}&cursor=${deepCursor}`,
      ),
      await scenario(`search "${RARE}" (${counts.rare} matches)`, `/v1/search/articles?q=${RARE}`),
    ];

    // Publish → searchable: through the outbox relay, the queue and the subscriber.
    const { token: accessToken } = await registerUser(api.url, 'bench_search');
    const lags: number[] = [];
    for (let i = 0; i < 10; i++) {
      const unique = `fresh${newId()
        .replace(/[^a-f]/g, '')
        .slice(0, 12)}`;
      const a = await call<{ id: string }>(
        `${api.url}/v1/articles`,
        'POST',
        {
          title: `Fresh ${unique}`,
          content: words(60),
        },
        accessToken,
      );
      const started = Date.now();
      await call(`${api.url}/v1/articles/${a.id}/publish`, 'POST', undefined, accessToken);
      for (;;) {
        const page = await call<{ items: unknown[] }>(
          `${api.url}/v1/search/articles?q=${unique}`,
          'GET',
        );
        if (page.items.length === 1) break;
        if (Date.now() - started > 10_000) throw new Error(`${unique} not searchable in 10 s`);
        await new Promise((r) => setTimeout(r, 20));
      }
      lags.push(Date.now() - started);
    }
    lags.sort((a, b) => a - b);
    return [
      ...results.map((r) => report(`Search over ${count} articles, 32 connections`, r, feed)),
      `Index backfill (npm run search:reindex): ${reindex.indexed} articles in ${reindexMs} ms (seeded in ${seedMs} ms)`,
      `Publish → searchable (outbox → relay → queue → subscriber), 10 articles: median ${lags[5]} ms, max ${lags[9]} ms`,
    ];
  } finally {
    await db.end();
    await api.stop();
  }
}
