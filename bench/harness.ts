import autocannon from 'autocannon';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

export const ROOT = join(__dirname, '..');

export interface Result {
  name: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** The admin every bench scenario creates (ADMIN_EMAIL/ADMIN_PASSWORD) and signs in as: one database, one admin. */
export const BENCH_ADMIN = {
  ADMIN_EMAIL: 'bench-admin@example.com',
  ADMIN_PASSWORD: 'bench-admin-pass-42',
};

export const dbEnv = {
  DB_HOST: process.env.DB_HOST ?? '127.0.0.1',
  DB_PORT: process.env.DB_PORT ?? '3306',
  DB_USER: process.env.DB_USER ?? 'atrium',
  DB_PASSWORD: process.env.DB_PASSWORD ?? 'atrium',
};

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function recreateDatabase(name: string): Promise<void> {
  const conn = await createConnection({
    host: dbEnv.DB_HOST,
    port: Number(dbEnv.DB_PORT),
    user: dbEnv.DB_USER,
    password: dbEnv.DB_PASSWORD,
  });
  await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
}

export interface Server {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts a node process (the built app or a baseline script) and waits for `readyPath`. */
export async function startProcess(
  args: string[],
  env: Record<string, string>,
  readyPath = '/health/live',
): Promise<Server> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      // BENCH_NODE_OPTIONS reaches the measured processes only (e.g. --cpu-prof
      // --cpu-prof-dir=var/profiles: a profile per process, written as it stops).
      ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
    },
    // BENCH_APP_LOG=<file> appends the processes' stdout (the app's log lines) there.
    stdio: [
      'ignore',
      process.env.BENCH_APP_LOG ? openSync(process.env.BENCH_APP_LOG, 'a') : 'ignore',
      'inherit',
    ],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
    try {
      if ((await fetch(url + readyPath)).ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error(`${args.join(' ')} did not start`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface LoadOptions {
  connections: number;
  duration: number;
  requests: autocannon.Request[];
  headers?: Record<string, string>;
}

export async function load(name: string, url: string, opts: LoadOptions): Promise<Result> {
  const result = await autocannon({
    url,
    connections: opts.connections,
    duration: opts.duration,
    headers: opts.headers,
    requests: opts.requests,
  });
  return {
    name,
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

export function report(title: string, subject: Result, baseline: Result): string {
  const ratio = subject.reqPerSec / baseline.reqPerSec;
  const row = (r: Result) =>
    `  ${r.name.padEnd(44)} ${r.reqPerSec.toFixed(1).padStart(9)} req/s  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  errors ${r.errors}  non-2xx ${r.non2xx}`;
  return [`${title}`, row(subject), row(baseline), `  ratio ${ratio.toFixed(2)}`].join('\n');
}

/** JSON request for scenario setup; throws on a non-2xx answer. */
export async function call<T>(
  url: string,
  method: string,
  body?: unknown,
  token?: string,
): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A new user (name `<prefix>_<time>`), registered and logged in through the API. */
export async function registerUser(
  url: string,
  prefix: string,
): Promise<{ id: string; token: string }> {
  const username = `${prefix}_${Date.now().toString(36)}`;
  const password = 'correct-horse-42';
  const user = await call<{ id: string }>(`${url}/v1/users`, 'POST', {
    username,
    email: `${username}@example.com`,
    password,
    fullName: 'Bench',
  });
  const { accessToken } = await call<{ accessToken: string }>(`${url}/v1/auth/login`, 'POST', {
    login: username,
    password,
  });
  return { id: user.id, token: accessToken };
}

/** Runs fn over items with at most `limit` in flight (registration is bcrypt-bound). */
export async function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

export const randomInt = (n: number) => Math.floor(Math.random() * n);

/** Non-2xx answers count as errors for the goal (they should be 0). */
export function withNon2xxAsErrors(r: Result): Result {
  return { ...r, errors: r.errors + r.non2xx };
}

/** An autocannon onResponse that keeps the first few non-2xx answers, to print after a run. */
export function keepFailures(failures: string[]): (status: number, body: string) => void {
  return (status, body) => {
    if ((status < 200 || status >= 300) && failures.length < 5)
      failures.push(`${status} ${String(body).slice(0, 300)}`);
  };
}

/** An account holder as the benchmarks use them: a bearer token and one account. */
export interface AccountHolder {
  token: string;
  accountId: string;
}

/**
 * POST /v1/transfers whose parties are picked per request (the from-side's token signs it),
 * for a random amount of 1..maxAmount.
 */
export function transferRequest(
  pick: () => [AccountHolder, AccountHolder],
  currency: string,
  maxAmount: number,
  failures: string[],
): autocannon.Request {
  return {
    method: 'POST',
    path: '/v1/transfers',
    setupRequest: (req) => {
      const [from, to] = pick();
      return {
        ...req,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${from.token}` },
        body: JSON.stringify({
          fromAccountId: from.accountId,
          toAccountId: to.accountId,
          amount: 1 + randomInt(maxAmount),
          currency,
        }),
      };
    },
    onResponse: keepFailures(failures),
  };
}

/** `ledger:check` against the bench database: its one-line report; a failure sets exit code 1. */
export function ledgerCheck(appEnv: Record<string, string>): string {
  try {
    return execFileSync(process.execPath, ['dist/cli/ledger-check.js'], {
      cwd: ROOT,
      env: { ...process.env, ...appEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
      .toString()
      .trim();
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer; message: string };
    process.exitCode = 1;
    return `${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? ''}`.trim() || e.message;
  }
}

/**
 * CPU seconds (user + system) the process has used so far, from /proc: on a shared machine
 * a server's CPU per request measures its cost far more steadily than throughput does, which
 * moves with whatever else runs (the load generator shares the cores).
 */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after "pid (comm) ".
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * The ceiling for a route: bare Fastify (bench/baselines/bare-fastify.ts) answering `body` on
 * GET /bare, with `headers` added and, with `requestId`, an X-Request-Id drawn per answer.
 */
export function startBareFastify(answer: {
  body: string;
  headers?: Record<string, string>;
  requestId?: boolean;
}): Promise<Server> {
  return startProcess(
    ['-r', 'ts-node/register/transpile-only', 'bench/baselines/bare-fastify.ts'],
    {
      BARE_BODY: answer.body,
      ...(answer.headers ? { BARE_HEADERS: JSON.stringify(answer.headers) } : {}),
      ...(answer.requestId ? { BARE_REQUEST_ID: 'true' } : {}),
    },
  );
}
