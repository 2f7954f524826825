import { fundedHolders } from './bank.bench';
import {
  BENCH_ADMIN,
  call,
  cpuSeconds,
  load,
  LoadOptions,
  registerUser,
  Result,
  startBareFastify,
  startProcess,
} from './harness';

const CONNECTIONS = 32;

/** Headers that differ per answer or per connection: the ceiling does not copy their values. */
const NOT_COPIED = new Set(['date', 'content-length', 'connection', 'keep-alive', 'x-request-id']);

/** A load result with the server process's CPU time per answered request. */
interface Measured extends Result {
  cpuUsPerRequest: number;
}

async function measure(
  name: string,
  server: { url: string; pid: number },
  opts: LoadOptions,
): Promise<Measured> {
  const before = cpuSeconds(server.pid);
  const result = await load(name, server.url, opts);
  const cpu = cpuSeconds(server.pid) - before;
  return {
    ...result,
    cpuUsPerRequest: (cpu * 1e6) / Math.max(1, result.reqPerSec * opts.duration),
  };
}

/**
 * Throughput and CPU per request against the ceiling's. Both servers share the two cores with
 * the load generator, so the CPU ratio (ceiling µs / app µs) is the steadier of the two.
 */
function compare(title: string, subject: Measured, ceiling: Measured): string {
  const row = (r: Measured) =>
    `  ${r.name.padEnd(44)} ${r.reqPerSec.toFixed(1).padStart(9)} req/s  CPU ${r.cpuUsPerRequest.toFixed(0).padStart(5)} µs/request  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  errors ${r.errors}  non-2xx ${r.non2xx}`;
  return [
    title,
    row(subject),
    row(ceiling),
    `  ratio ${(subject.reqPerSec / ceiling.reqPerSec).toFixed(2)} in throughput, ${(ceiling.cpuUsPerRequest / subject.cpuUsPerRequest).toFixed(2)} in CPU per request`,
  ].join('\n');
}

/** A route's answer as the app sends it: the body, and the headers the ceiling copies. */
async function answerOf(
  url: string,
  token?: string,
): Promise<{ body: string; headers: Record<string, string> }> {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new Error(`GET ${url} → ${res.status}`);
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (!NOT_COPIED.has(name)) headers[name] = value;
  });
  return { body: await res.text(), headers };
}

/** Bare Fastify sending `answer` (same bytes, same headers, an X-Request-Id per answer). */
async function ceiling(
  answer: { body: string; headers: Record<string, string> },
  name: string,
  duration: number,
): Promise<Measured> {
  const bare = await startBareFastify({ ...answer, requestId: true });
  try {
    await load('warm-up', bare.url, {
      connections: CONNECTIONS,
      duration: 2,
      requests: [{ method: 'GET', path: '/bare' }],
    });
    return await measure(name, bare, {
      connections: CONNECTIONS,
      duration,
      requests: [{ method: 'GET', path: '/bare' }],
    });
  } finally {
    await bare.stop();
  }
}

/**
 * The fixed cost of the request path (docs/performance.md): the cached ranking and an
 * authenticated account read against bare Fastify sending the same bytes and headers, measured
 * in the same run, plus the platform floor (GET /health/live). BENCH_NODE_OPTIONS=--cpu-prof
 * profiles the app while it runs.
 */
export async function requestPathBenchmarks(
  baseEnv: Record<string, string>,
  duration: number,
): Promise<string[]> {
  const api = await startProcess(['dist/main.js'], { ...baseEnv, ...BENCH_ADMIN });
  try {
    const author = await registerUser(api.url, 'rp');
    for (let i = 0; i < 10; i++) {
      const article = await call<{ id: string }>(
        `${api.url}/v1/articles`,
        'POST',
        { title: `Request path ${i}`, content: `Body of article ${i}. `.repeat(20) },
        author.token,
      );
      await call(`${api.url}/v1/articles/${article.id}/publish`, 'POST', undefined, author.token);
      await call(`${api.url}/v1/feed/${article.id}/like`, 'PUT', undefined, author.token);
    }
    const admin = await call<{ accessToken: string }>(`${api.url}/v1/auth/login`, 'POST', {
      login: BENCH_ADMIN.ADMIN_EMAIL,
      password: BENCH_ADMIN.ADMIN_PASSWORD,
    });
    await call(`${api.url}/v1/admin/ranking/refresh`, 'POST', undefined, admin.accessToken);
    const [holder] = await fundedHolders(api.url, 1);
    const rankingPath = '/v1/ranking?limit=10';
    const accountPath = `/v1/accounts/${holder.accountId}`;
    const auth = { authorization: `Bearer ${holder.token}` };
    const rankingAnswer = await answerOf(api.url + rankingPath);
    const accountAnswer = await answerOf(api.url + accountPath, holder.token);

    await load('warm-up', api.url, {
      connections: CONNECTIONS,
      duration: 3,
      requests: [
        { method: 'GET', path: rankingPath },
        { method: 'GET', path: accountPath, headers: auth },
      ],
    });
    const ranking = await measure(`GET ${rankingPath} (cached)`, api, {
      connections: CONNECTIONS,
      duration,
      requests: [{ method: 'GET', path: rankingPath }],
    });
    const account = await measure('GET /v1/accounts/:id (authenticated)', api, {
      connections: CONNECTIONS,
      duration,
      requests: [{ method: 'GET', path: accountPath, headers: auth }],
    });
    const floor = await measure('GET /health/live (platform floor)', api, {
      connections: CONNECTIONS,
      duration,
      requests: [{ method: 'GET', path: '/health/live' }],
    });
    const rankingCeiling = await ceiling(
      rankingAnswer,
      'bare Fastify, same bytes and headers',
      duration,
    );
    const accountCeiling = await ceiling(
      accountAnswer,
      'bare Fastify, same bytes and headers',
      duration,
    );
    return [
      compare(
        `GET ${rankingPath}, cached, ${CONNECTIONS} connections (goal ≥ 0.6)`,
        ranking,
        rankingCeiling,
      ),
      compare(
        `GET /v1/accounts/:id, authenticated, ${CONNECTIONS} connections (goal ≥ 0.35)`,
        account,
        accountCeiling,
      ),
      compare('GET /health/live, the platform floor (for reference)', floor, rankingCeiling),
    ];
  } finally {
    await api.stop();
  }
}
