import { createConnection, Connection } from 'mysql2/promise';
import { newId } from '../src/domain/shared/uuid';
import { call, dbEnv, load, registerUser, report, Result, startProcess } from './harness';

const BATCH = 2000;
const ROUNDS = 3;

/** Several rounds of one scenario as one result: mean throughput and p50, the worst p99. */
function combine(results: Result[]): Result {
  const mean = (pick: (r: Result) => number) =>
    results.reduce((sum, r) => sum + pick(r), 0) / results.length;
  return {
    name: results[0].name,
    reqPerSec: mean((r) => r.reqPerSec),
    p50: Math.round(mean((r) => r.p50)),
    p99: Math.max(...results.map((r) => r.p99)),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
  };
}

function bin(id: string): Buffer {
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

/** The cursor the list would hand out after the comment `id` (base64url JSON, as pagination.ts encodes it). */
function cursorAfter(id: string): string {
  return Buffer.from(JSON.stringify({ c: id }), 'utf8').toString('base64url');
}

interface Seeded {
  /** Top-level comment ids, oldest first. */
  topLevel: string[];
  /** The comment with a long thread, and its replies oldest first. */
  thread: { id: string; replies: string[] };
  /** Every reply seeded. */
  replies: number;
  ms: number;
}

/**
 * Straight into the database, multi-row INSERTs: `count` top-level comments on one article by
 * 50 commenters, every 4th with 4 replies, one with `threadReplies` replies, and the counters
 * that go with them (replyCount, article_stats.comments), as the API would have left them.
 */
async function seedComments(
  db: Connection,
  articleId: string,
  count: number,
  threadReplies: number,
): Promise<Seeded> {
  const started = Date.now();
  const now = Date.now();
  const users: string[] = [];
  const userRows: unknown[] = [];
  for (let i = 0; i < 50; i++) {
    const id = newId();
    users.push(id);
    const name = `bench_commenter_${id.slice(-12)}`;
    userRows.push(bin(id), name, `${name}@example.com`, new Date(now), new Date(now));
  }
  await db.query(
    `INSERT INTO users (id, username, email, full_name, nickname, role, email_verified, created_at, updated_at)
     VALUES ${users.map(() => "(?, ?, ?, 'Bench Commenter', NULL, 'user', 0, ?, ?)").join(', ')}`,
    userRows,
  );
  const rows: unknown[][] = [];
  const topLevel: string[] = [];
  const at = new Date(now);
  // Ids are made in time order: the thread's parent first, then top-level comments each
  // followed by its replies (replies are newer than their parent, as through the API).
  const thread = { id: newId(), replies: [] as string[] };
  const author = () => bin(users[Math.floor(Math.random() * users.length)]);
  rows.push([
    bin(thread.id),
    bin(articleId),
    null,
    author(),
    'The long thread',
    threadReplies,
    null,
    at,
  ]);
  topLevel.push(thread.id);
  for (let i = 0; i < threadReplies; i++) {
    const id = newId();
    thread.replies.push(id);
    rows.push([bin(id), bin(articleId), bin(thread.id), author(), `Reply ${i}`, 0, null, at]);
  }
  for (let i = 1; i < count; i++) {
    const id = newId();
    topLevel.push(id);
    const replies = i % 4 === 0 ? 4 : 0;
    rows.push([
      bin(id),
      bin(articleId),
      null,
      author(),
      `Comment number ${i}. `.repeat(6),
      replies,
      null,
      at,
    ]);
    for (let r = 0; r < replies; r++)
      rows.push([
        bin(newId()),
        bin(articleId),
        bin(id),
        author(),
        `Reply ${r} to ${i}`,
        0,
        null,
        at,
      ]);
  }
  for (let done = 0; done < rows.length; done += BATCH) {
    const batch = rows.slice(done, done + BATCH);
    await db.query(
      `INSERT INTO comments (id, article_id, parent_id, author_id, content, reply_count, deleted_at, created_at)
       VALUES ${batch.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      batch.flat(),
    );
  }
  await db.query(
    `INSERT INTO article_stats (article_id, \`reads\`, likes, collects, comments) VALUES (?, 0, 0, 0, ?)
     ON DUPLICATE KEY UPDATE comments = VALUES(comments)`,
    [bin(articleId), rows.length],
  );
  await db.query('ANALYZE TABLE comments');
  return { topLevel, thread, replies: rows.length - topLevel.length, ms: Date.now() - started };
}

/**
 * GET /v1/feed/:id/comments (page 1 and a page 20,000 comments deep, each with its inline
 * replies) and GET /v1/comments/:id/replies (page 1 and deep in a 5,000-reply thread) vs the
 * plain public feed page, GET /v1/feed, in the same run, in alternating rounds. BENCH_COMMENTS (default 20,000)
 * top-level comments are seeded by SQL.
 */
export async function commentsBenchmarks(
  appEnv: Record<string, string>,
  duration: number,
): Promise<string[]> {
  const api = await startProcess(['dist/main.js'], appEnv);
  try {
    const { token: accessToken } = await registerUser(api.url, 'bench_comments');
    const article = await call<{ id: string }>(
      `${api.url}/v1/articles`,
      'POST',
      {
        title: 'An article with many comments',
        content: 'A benchmark article body. '.repeat(20),
      },
      accessToken,
    );
    await call(`${api.url}/v1/articles/${article.id}/publish`, 'POST', undefined, accessToken);
    const count = Number(process.env.BENCH_COMMENTS ?? 20_000);
    const db = await createConnection({
      host: dbEnv.DB_HOST,
      port: Number(dbEnv.DB_PORT),
      user: dbEnv.DB_USER,
      password: dbEnv.DB_PASSWORD,
      database: appEnv.DB_NAME,
    });
    const seeded = await seedComments(db, article.id, count, 5_000).finally(() => db.end());

    const first = `/v1/feed/${article.id}/comments?limit=20`;
    // Newest first: the deep page starts 21 comments above the oldest.
    const deep = `${first}&cursor=${cursorAfter(seeded.topLevel[21])}`;
    const repliesFirst = `/v1/comments/${seeded.thread.id}/replies?limit=20`;
    const repliesDeep = `${repliesFirst}&cursor=${cursorAfter(seeded.thread.replies[seeded.thread.replies.length - 22])}`;
    for (const path of [first, deep, repliesFirst, repliesDeep]) {
      const page = await call<{ items: unknown[] }>(`${api.url}${path}`, 'GET');
      if (page.items.length !== 20) throw new Error(`${path}: ${page.items.length} items, not 20`);
    }

    const get = (path: string) => ({ method: 'GET' as const, path });
    await load('warm-up', api.url, {
      connections: 16,
      duration: 2,
      requests: [get('/v1/feed'), get(first), get(deep), get(repliesFirst), get(repliesDeep)],
    });
    // The five scenarios take turns, ROUNDS times each for a third of the duration, so a change
    // of load on the machine during the run weighs on all of them alike.
    const scenarios: Array<[string, string]> = [
      ['GET /v1/feed (baseline)', '/v1/feed'],
      ['comments, page 1', first],
      [`comments, page ${Math.floor(count / 20)} (deepest)`, deep],
      ['replies, page 1', repliesFirst],
      [`replies, page ${Math.floor(seeded.thread.replies.length / 20)} (deepest)`, repliesDeep],
    ];
    const rounds: Result[][] = scenarios.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, [name, path]] of scenarios.entries())
        rounds[i].push(
          await load(name, api.url, {
            connections: 16,
            duration: Math.max(1, Math.round(duration / ROUNDS)),
            requests: [get(path)],
          }),
        );
    }
    const [feed, page1, pageDeep, replies1, repliesDeepResult] = rounds.map(combine);
    return [
      `Comments: ${count} top-level comments and ${seeded.replies} replies on one article, seeded in ${seeded.ms} ms`,
      report('GET /v1/feed/:id/comments page 1, 16 connections', page1, feed),
      report('GET /v1/feed/:id/comments deepest page, 16 connections', pageDeep, feed),
      report('GET /v1/comments/:id/replies page 1, 16 connections', replies1, feed),
      report('GET /v1/comments/:id/replies deepest page, 16 connections', repliesDeepResult, feed),
      `  deepest / first page: comments ${(pageDeep.reqPerSec / page1.reqPerSec).toFixed(2)}, replies ${(repliesDeepResult.reqPerSec / replies1.reqPerSec).toFixed(2)}`,
    ];
  } finally {
    await api.stop();
  }
}
