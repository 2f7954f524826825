import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { assertConforms } from './openapi-conformance';

const ROOT = join(__dirname, '..', '..');

export interface TestApp {
  baseUrl: string;
  http: HttpClient;
  process: ChildProcess;
  /** SIGTERM, then wait for the exit; returns the exit code, or the signal that ended it. */
  close(): Promise<number | string | null>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Boots the real, built application (`node dist/main.js`, what production runs) as a child
 * process on a free port against the run's database and Redis, and waits until it answers.
 * `env` overrides configuration for this instance only (`undefined` removes a variable, e.g. to
 * get a default the test environment overrides). Its log goes to var/e2e-logs/.
 */
export async function startApp(
  env: Record<string, string | undefined> = {},
  entry = 'dist/main.js',
): Promise<TestApp> {
  const port = await freePort();
  const logDir = join(ROOT, 'var', 'e2e-logs');
  mkdirSync(logDir, { recursive: true });
  const log = createWriteStream(join(logDir, `app-${port}.log`));
  const child = spawn(process.execPath, [join(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  let output = '';
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  let exitCode: number | string | null | undefined;
  void exited.then((c) => (exitCode = c));
  for (;;) {
    if (exitCode !== undefined)
      throw new Error(`app exited with ${exitCode} during start:\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/health/live`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`app did not start within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  // Live is not ready: Redis (and the queue connection) may still be connecting, and a request
  // sent then answers 503. Wait for readiness too, but not forever: some tests start an instance
  // whose Redis or database is down on purpose.
  const readyBy = Date.now() + 5_000;
  while (Date.now() < readyBy && exitCode === undefined) {
    const ready = await fetch(`${baseUrl}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    baseUrl,
    http: new HttpClient(baseUrl),
    process: child,
    close: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/**
 * Runs an entry point of the built app to its exit (for start-up failures); returns its exit code
 * and stderr. A variable given as `undefined` is removed from the inherited environment; `cwd`
 * (default the repository) is where the process looks for a `.env` file.
 */
export async function runToExit(
  entry: string,
  env: Record<string, string | undefined>,
  cwd = ROOT,
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [join(ROOT, entry)], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, stderr };
}

export interface HttpResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
  /** A raw body sent as is (with the given content type); otherwise `body` is JSON. */
  raw?: string | Buffer;
}

export class HttpClient {
  constructor(readonly baseUrl: string) {}

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    opts: RequestOptions = {},
  ): Promise<HttpResponse<T>> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let payload: string | Buffer | undefined = opts.raw;
    if (payload === undefined && body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(this.baseUrl + path, { method, headers, body: payload });
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text.length > 0)
      parsed = JSON.parse(text);
    const response = { status: res.status, headers: res.headers, body: parsed as T, text };
    // Every answer must match the OpenAPI document (see openapi-conformance.ts for the rules).
    assertConforms(method, path, response);
    return response;
  }

  get<T = any>(path: string, opts?: RequestOptions) {
    return this.request<T>('GET', path, undefined, opts);
  }
  post<T = any>(path: string, body?: unknown, opts?: RequestOptions) {
    return this.request<T>('POST', path, body, opts);
  }
  patch<T = any>(path: string, body?: unknown, opts?: RequestOptions) {
    return this.request<T>('PATCH', path, body, opts);
  }
  put<T = any>(path: string, body?: unknown, opts?: RequestOptions) {
    return this.request<T>('PUT', path, body, opts);
  }
  delete<T = any>(path: string, opts?: RequestOptions) {
    return this.request<T>('DELETE', path, undefined, opts);
  }
}
