import { createConnection } from 'mysql2/promise';
import { seedArticles } from '../scripts/seed-articles';
import { dbEnv, load, report, startBareFastify, startProcess, BENCH_ADMIN } from './harness';

const PASSWORD = 'correct-horse-42';
const ADMIN = BENCH_ADMIN;

async function call(
  url: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<any> {
  const res = await fetch(url + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

async function bare(body: string, name: string, duration: number) {
  const server = await startBareFastify({ body });
  try {
    return await load(name, server.url, {
      connections: 32,
      duration,
      requests: [{ method: 'GET', path: '/bare' }],
    });
  } finally {
    await server.stop();
  }
}

/**
 * GET /v1/ranking (served from memory) and GET /v1/feed/:id (Redis-cached article and counters,
 * read counted in memory) vs bare Fastify serving the same bytes; then the ranking recomputation
 * time over BENCH_RANKING_ARTICLES (default 100,000) seeded published articles.
 */
export async function contentBenchmarks(
  appEnv: Record<string, string>,
  duration: number,
): Promise<string[]> {
  const api = await startProcess(['dist/main.js'], { ...appEnv, ...ADMIN });
  try {
    const username = `bench_content_${Date.now().toString(36)}`;
    await call(api.url, 'POST', '/v1/users', undefined, {
      username,
      email: `${username}@example.com`,
      password: PASSWORD,
      fullName: 'Bench',
    });
    const { accessToken } = await call(api.url, 'POST', '/v1/auth/login', undefined, {
      login: username,
      password: PASSWORD,
    });
    const admin = await call(api.url, 'POST', '/v1/auth/login', undefined, {
      login: ADMIN.ADMIN_EMAIL,
      password: ADMIN.ADMIN_PASSWORD,
    });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const a = await call(api.url, 'POST', '/v1/articles', accessToken, {
        title: `Bench article ${i}`,
        content: `A benchmark article body, number ${i}. `.repeat(20),
      });
      await call(api.url, 'POST', `/v1/articles/${a.id}/publish`, accessToken);
      await call(api.url, 'PUT', `/v1/feed/${a.id}/like`, accessToken);
      ids.push(a.id);
    }
    await call(api.url, 'POST', '/v1/admin/ranking/refresh', admin.accessToken);
    const rankingBody = JSON.stringify(await call(api.url, 'GET', '/v1/ranking'));
    const detailPath = `/v1/feed/${ids[0]}`;
    const detailBody = JSON.stringify(await call(api.url, 'GET', detailPath));

    // JIT warm-up, so the first measurement doesn't pay for compilation.
    await load('warm-up', api.url, {
      connections: 32,
      duration: 2,
      requests: [
        { method: 'GET', path: '/v1/ranking' },
        { method: 'GET', path: detailPath },
      ],
    });
    const ranking = await load('GET /v1/ranking (cached)', api.url, {
      connections: 32,
      duration,
      requests: [{ method: 'GET', path: '/v1/ranking' }],
    });
    const rankingBare = await bare(rankingBody, 'bare Fastify, same JSON', duration);
    const detail = await load('GET /v1/feed/:id', api.url, {
      connections: 32,
      duration,
      requests: [{ method: 'GET', path: detailPath }],
    });
    const detailBare = await bare(detailBody, 'bare Fastify, same JSON', duration);

    // The platform's own floor (no handler work) in the same run: what any route can reach at most.
    const floor = await load('GET /health/live (platform floor)', api.url, {
      connections: 32,
      duration,
      requests: [{ method: 'GET', path: '/health/live' }],
    });

    const count = Number(process.env.BENCH_RANKING_ARTICLES ?? 100_000);
    const db = await createConnection({
      host: dbEnv.DB_HOST,
      port: Number(dbEnv.DB_PORT),
      user: dbEnv.DB_USER,
      password: dbEnv.DB_PASSWORD,
      database: appEnv.DB_NAME,
    });
    const seeded = await seedArticles(db, count).finally(() => db.end());
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      await call(api.url, 'POST', '/v1/admin/ranking/refresh', admin.accessToken);
      runs.push(Date.now() - started);
    }
    return [
      report('GET /v1/ranking, 32 connections (goal ≥ 0.6, p99 < 20 ms)', ranking, rankingBare),
      report('GET /v1/feed/:id, 32 connections (goal ≥ 0.4, p99 < 20 ms)', detail, detailBare),
      report('Platform floor, 32 connections (for reference)', floor, rankingBare),
      `Ranking recomputation over ${count + ids.length} published articles (seeded in ${seeded.ms} ms): ${runs.map((r) => `${r} ms`).join(', ')}`,
    ];
  } finally {
    await api.stop();
  }
}
