import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import * as jwt from 'jsonwebtoken';
import { expectProblem, registerAndLogin } from '../support/factories';
import { runToExit, startApp, TestApp } from '../support/app';
import { adminEnv, Bank, loginAdmin } from '../support/bank';
import { connectDb, uuidToBuffer } from '../support/db';
import { untilLockWaits } from '../support/wait';
import { eventually } from '../support/outbox';
import { parseRawResponse, RawConnection } from '../support/raw-http';

describe('Platform: HTTP edge, health, metrics, docs', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('problem+json on every error', () => {
    it('unknown route → 404 NOT_FOUND', async () => {
      const res = await t.http.get('/v1/does-not-exist');
      expectProblem(res, 404, 'NOT_FOUND');
      expect(res.body.instance).toBe('/v1/does-not-exist');
    });

    it('malformed JSON → 400 VALIDATION_FAILED', async () => {
      const res = await t.http.post('/v1/auth/login', undefined, {
        raw: '{"login": ',
        headers: { 'content-type': 'application/json' },
      });
      expectProblem(res, 400, 'VALIDATION_FAILED');
    });

    it('a body that is not JSON → 415 UNSUPPORTED_MEDIA_TYPE', async () => {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
        const res = await t.http.post('/v1/auth/login', undefined, {
          raw: 'login=a&password=b',
          headers: { 'content-type': type },
        });
        expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
      }
    });

    it('a body over 1 MiB → 413 PAYLOAD_TOO_LARGE', async () => {
      const raw = JSON.stringify({ login: 'x'.repeat(1024 * 1024), password: 'y' });
      const res = await t.http.post('/v1/auth/login', undefined, {
        raw,
        headers: { 'content-type': 'application/json' },
      });
      expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
    });

    it('wrong types, missing and unknown fields → 400 with one entry per field', async () => {
      const res = await t.http.post('/v1/users', {
        username: 42,
        email: 'a@b.co',
        fullName: 'X',
        role: 'admin',
        balance: 5,
      });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['username', 'password', 'role', 'balance']));
    });

    it('a JSON body that is not an object → 400', async () => {
      const res = await t.http.post('/v1/auth/login', undefined, {
        raw: '[1,2]',
        headers: { 'content-type': 'application/json' },
      });
      expectProblem(res, 400, 'VALIDATION_FAILED');
    });

    it('a body-less POST sent as JSON with an empty body (what fetch wrappers send) is accepted', async () => {
      const user = await registerAndLogin(t.http);
      for (const raw of ['', ' \n']) {
        const session = raw === '' ? user : await registerAndLogin(t.http);
        const res = await t.http.post('/v1/auth/logout', undefined, {
          raw,
          token: session.accessToken,
          headers: { 'content-type': 'application/json' },
        });
        expect(res.status).toBe(204);
      }
    });

    it('an empty JSON body where the operation needs one → 400 VALIDATION_FAILED, per field', async () => {
      const res = await t.http.post('/v1/auth/login', undefined, {
        raw: '',
        headers: { 'content-type': 'application/json' },
      });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['login', 'password']),
      );
    });

    it('missing token on a protected route → 401 UNAUTHENTICATED', async () => {
      expectProblem(await t.http.get('/v1/users/me'), 401, 'UNAUTHENTICATED');
    });
  });

  describe('request ids', () => {
    it('echoes a valid incoming X-Request-Id in the header and the problem body', async () => {
      const res = await t.http.get('/v1/nowhere', { headers: { 'x-request-id': 'client-req-42' } });
      expect(res.headers.get('x-request-id')).toBe('client-req-42');
      expect(res.body.requestId).toBe('client-req-42');
    });

    it('replaces an invalid one and generates one when absent', async () => {
      const bad = await t.http.get('/health/live', {
        headers: { 'x-request-id': 'bad id with spaces <script>' },
      });
      expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      const none = await t.http.get('/health/live');
      expect(none.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(none.headers.get('x-request-id')).not.toBe(bad.headers.get('x-request-id'));
    });
  });

  describe('security headers', () => {
    it('JSON answers carry the OWASP REST set (nothing may load or frame them), no x-powered-by', async () => {
      for (const res of [await t.http.get('/health/live'), await t.http.get('/v1/nope')]) {
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('x-frame-options')).toBe('DENY');
        expect(res.headers.get('strict-transport-security')).toContain('max-age=');
        expect(res.headers.get('content-security-policy')).toBe(
          "default-src 'none'; frame-ancestors 'none'",
        );
        expect(res.headers.get('referrer-policy')).toBe('no-referrer');
        expect(res.headers.get('x-powered-by')).toBeNull();
      }
    });

    it('the Swagger UI page gets helmet’s full set with a CSP it can run under', async () => {
      const res = await t.http.get('/docs');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    });
  });

  describe('health', () => {
    it('/health/live answers 200', async () => {
      const res = await t.http.get('/health/live');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok' });
    });

    it('/health/ready reports database and redis up', async () => {
      const res = await t.http.get('/health/ready');
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('ok');
      expect(res.body.details.database.status).toBe('up');
      expect(res.body.details.redis.status).toBe('up');
    });
  });

  describe('metrics', () => {
    it('labels HTTP latency by route template, not by raw URL', async () => {
      const user = await registerAndLogin(t.http);
      await t.http.delete('/v1/auth/sessions/01900000-0000-7000-8000-000000000001', {
        token: user.accessToken,
      });
      await t.http.get('/v1/totally/unknown/path');
      const res = await t.http.get('/metrics');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/plain');
      expect(res.text).toMatch(
        /http_request_duration_seconds_bucket\{[^}]*method="DELETE",route="\/v1\/auth\/sessions\/:id",status_code="404"/,
      );
      expect(res.text).toMatch(
        /http_request_duration_seconds_count\{method="POST",route="\/v1\/auth\/login",status_code="200"\}/,
      );
      expect(res.text).toMatch(/route="unmatched",status_code="404"/);
      expect(res.text).not.toContain('01900000-0000-7000-8000-000000000001');
      expect(res.text).toContain('process_cpu_seconds_total');
      expect(res.text).toContain('nodejs_eventloop_lag_seconds');
    });

    describe('with METRICS_TOKEN (and RATE_LIMIT_PER_MINUTE=5)', () => {
      const token = randomBytes(24).toString('hex');
      let guarded: TestApp;
      beforeAll(async () => {
        // Its own Redis prefix: the other apps of this run must not count against its IP limit.
        guarded = await startApp({
          METRICS_TOKEN: token,
          RATE_LIMIT_PER_MINUTE: '5',
          REDIS_PREFIX: `${process.env.REDIS_PREFIX}metrics:`,
        });
      });
      afterAll(async () => {
        await guarded?.close();
      });

      it('answers only `Authorization: Bearer <METRICS_TOKEN>`; anything else → 401 problem+json; a throttled IP gets nothing without it', async () => {
        const attempts: Array<Record<string, string>> = [
          {},
          { authorization: `Bearer ${token.slice(0, -1)}` },
          { authorization: `Bearer ${token}x` },
          { authorization: `Basic ${Buffer.from(`prometheus:${token}`).toString('base64')}` },
        ];
        // Four failures: each counts against the IP (a token guesser is throttled like anyone).
        for (const headers of attempts) {
          const res = await guarded.http.get('/metrics', { headers });
          expectProblem(res, 401, 'UNAUTHENTICATED');
          expect(res.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
          expect(res.text).not.toContain('process_cpu_seconds_total');
        }
        expect(
          (await guarded.http.post('/v1/auth/refresh', { refreshToken: 'unknown' })).status,
        ).toBe(401);
        // The IP's budget of 5 is spent: without the token /metrics is 429, never the metrics.
        for (const headers of attempts) {
          const res = await guarded.http.get('/metrics', { headers });
          expectProblem(res, 429, 'RATE_LIMITED');
          expect(res.text).not.toContain('process_cpu_seconds_total');
        }
        expectProblem(
          await guarded.http.post('/v1/auth/refresh', { refreshToken: 'unknown' }),
          429,
          'RATE_LIMITED',
        );
        // The scraper with the token is never throttled, from the same IP.
        for (let i = 0; i < 10; i++) {
          const res = await guarded.http.get('/metrics', {
            headers: { authorization: `Bearer ${token}` },
          });
          expect(res.status).toBe(200);
          expect(res.text).toContain('process_cpu_seconds_total');
        }
      });
    });

    it('without METRICS_TOKEN (development, test) /metrics is open but under the per-IP limit', async () => {
      const open = await startApp({
        RATE_LIMIT_PER_MINUTE: '3',
        REDIS_PREFIX: `${process.env.REDIS_PREFIX}metrics-open:`,
      });
      try {
        for (let i = 0; i < 3; i++) expect((await open.http.get('/metrics')).status).toBe(200);
        expectProblem(await open.http.get('/metrics'), 429, 'RATE_LIMITED');
      } finally {
        await open.close();
      }
    });
  });

  describe('OpenAPI', () => {
    it('serves exactly the committed docs/openapi.json at /docs-json', async () => {
      const res = await t.http.get('/docs-json');
      expect(res.status).toBe(200);
      const committed = JSON.parse(
        readFileSync(join(__dirname, '..', '..', 'docs', 'openapi.json'), 'utf8'),
      );
      if (!isDeepStrictEqual(res.body, committed)) {
        throw new Error(
          'docs/openapi.json is not the document the app serves at /docs-json ' +
            `(first difference at ${firstDifference(res.body, committed)}): ` +
            'run npm run build && npm run openapi:export, then commit docs/openapi.json',
        );
      }
    });

    it('every operation has a unique camelCase operationId and public ones need no token', async () => {
      const doc = (await t.http.get('/docs-json')).body;
      const ids: string[] = [];
      for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
        for (const [method, op] of Object.entries<any>(item)) {
          expect({ path, method, operationId: op.operationId }).toEqual({
            path,
            method,
            operationId: expect.stringMatching(/^[a-z][a-zA-Z0-9]*$/),
          });
          ids.push(op.operationId);
        }
      }
      expect(new Set(ids).size).toBe(ids.length);
      expect(doc.paths['/v1/users'].post.operationId).toBe('registerUser');
      expect(doc.paths['/v1/auth/login'].post.security).toEqual([]);
      expect(doc.paths['/v1/feed'].get.security).toEqual([]);
      expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
    });

    it('serves Swagger UI at /docs', async () => {
      const res = await t.http.get('/docs');
      expect(res.status).toBe(200);
      expect(res.text).toContain('swagger');
    });

    it('documents every identity operation with request, response, errors and bearer auth', async () => {
      const res = await t.http.get('/docs-json');
      expect(res.status).toBe(200);
      const doc = res.body;
      expect(doc.openapi).toMatch(/^3\./);
      expect(doc.components.securitySchemes.bearer).toEqual(
        expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      );
      expect(doc.components.schemas.ProblemResponse.properties).toEqual(
        expect.objectContaining({
          type: expect.anything(),
          code: expect.anything(),
          requestId: expect.anything(),
        }),
      );
      const ops: Array<[string, string]> = [
        ['/v1/users', 'post'],
        ['/v1/auth/login', 'post'],
        ['/v1/auth/refresh', 'post'],
        ['/v1/auth/logout', 'post'],
        ['/v1/auth/sessions', 'get'],
        ['/v1/auth/sessions/{id}', 'delete'],
        ['/v1/users/me', 'get'],
        ['/v1/users/me', 'patch'],
        ['/v1/users/me/password', 'post'],
        ['/v1/accounts', 'post'],
        ['/v1/accounts', 'get'],
        ['/v1/accounts/{id}', 'get'],
        ['/v1/accounts/{id}/entries', 'get'],
        ['/v1/accounts/{id}/deposits', 'post'],
        ['/v1/transfers', 'post'],
        ['/v1/transfers/{id}', 'get'],
      ];
      for (const [path, method] of ops) {
        const op = doc.paths[path]?.[method];
        expect({ path, method, documented: Boolean(op) }).toEqual({
          path,
          method,
          documented: true,
        });
        const statuses = Object.keys(op.responses);
        expect(statuses.some((s) => s.startsWith('2'))).toBe(true);
        expect(statuses.some((s) => s.startsWith('4'))).toBe(true);
        const problem = Object.entries(op.responses).find(([s]) => s.startsWith('4'))?.[1] as any;
        expect(problem.content['application/problem+json'].schema.$ref).toBe(
          '#/components/schemas/ProblemResponse',
        );
      }
      const register = doc.paths['/v1/users'].post;
      expect(register.requestBody.content['application/json'].schema.$ref).toMatch(
        /RegisterUserRequest$/,
      );
      expect(doc.paths['/v1/users/me'].get.security).toEqual([{ bearer: [] }]);
      const transfer = doc.paths['/v1/transfers'].post;
      expect(transfer.parameters).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }),
        ]),
      );
      expect(Object.keys(transfer.responses)).toEqual(
        expect.arrayContaining(['201', '400', '401', '404', '409', '422']),
      );
    });
  });

  describe('Redis outage', () => {
    let down: TestApp;
    beforeAll(async () => {
      // Port 1 refuses connections: Redis is "down" for this instance from the start.
      down = await startApp({ REDIS_URL: 'redis://127.0.0.1:1' });
    });
    afterAll(async () => {
      await down.close();
    });

    it('sign-in, token checks and bank endpoints keep working from the database', async () => {
      const user = await registerAndLogin(down.http);
      const me = await down.http.get('/v1/users/me', { token: user.accessToken });
      expect(me.status).toBe(200);
      const account = await down.http.post(
        '/v1/accounts',
        { currency: 'EUR' },
        { token: user.accessToken },
      );
      expect(account.status).toBe(201);
      expect(
        (await down.http.get(`/v1/accounts/${account.body.id}`, { token: user.accessToken }))
          .status,
      ).toBe(200);
    });

    it('still ends sessions at once (the database is the source of truth)', async () => {
      const user = await registerAndLogin(down.http);
      expect(
        (await down.http.post('/v1/auth/logout', undefined, { token: user.accessToken })).status,
      ).toBe(204);
      expectProblem(
        await down.http.get('/v1/users/me', { token: user.accessToken }),
        401,
        'UNAUTHENTICATED',
      );
    });

    it('reports not ready with per-dependency up/down and nothing about hosts or drivers', async () => {
      const res = await down.http.get('/health/ready');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.body.details).toEqual({
        database: { status: 'up' },
        redis: { status: 'down' },
        queue: { status: 'down' },
      });
      expect(res.text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|connect|port|message/i);
    });
  });

  describe('configuration errors', () => {
    it('print one line per bad variable and exit 1, without a stack trace', async () => {
      for (const entry of ['dist/main.js', 'dist/worker.js']) {
        const { code, stderr } = await runToExit(entry, {
          PORT: 'abc',
          DB_PORT: '99999',
          NODE_ENV: 'production',
          JWT_SECRET: 'short',
          PUBLIC_URL: 'http://localhost:3000',
        });
        expect(code).toBe(1);
        const lines = stderr.trim().split('\n');
        expect(lines[0]).toBe('Invalid configuration:');
        expect(lines.slice(1)).toEqual(
          expect.arrayContaining([
            expect.stringMatching(/^ {2}- DB_PORT="99999": must not be greater than 65535$/),
            expect.stringMatching(/^ {2}- JWT_SECRET=\[redacted\]: .*at least 32 characters/),
          ]),
        );
        if (entry === 'dist/main.js') {
          expect(lines).toContain('  - PORT="abc": must be an integer number');
        }
        expect(stderr).not.toMatch(/\n\s+at |short/);
      }
    });
  });

  describe('production mode (NODE_ENV unset means production)', () => {
    // Every JWT secret the project ever shipped as a fallback or example.
    const FORMER_BUILT_IN_SECRETS = [
      'atrium-development-secret-do-not-use-in-production',
      'change-me-in-production-please-32chars',
    ];
    const productionEnv = (): Record<string, string | undefined> => ({
      NODE_ENV: undefined,
      JWT_SECRET: randomBytes(32).toString('base64'),
      PUBLIC_URL: 'https://atrium.example',
      METRICS_TOKEN: randomBytes(24).toString('hex'),
      DB_PASSWORD: process.env.DB_PASSWORD,
      BCRYPT_COST: '4',
    });

    it('an unset NODE_ENV without JWT_SECRET, METRICS_TOKEN or PUBLIC_URL stops the API and the worker: exit 1, one line each', async () => {
      for (const entry of ['dist/main.js', 'dist/worker.js']) {
        // Run outside the repository so a developer's .env can't supply NODE_ENV or a secret.
        const { code, stderr } = await runToExit(
          entry,
          {
            ...productionEnv(),
            JWT_SECRET: undefined,
            METRICS_TOKEN: undefined,
            PUBLIC_URL: undefined,
          },
          tmpdir(),
        );
        expect(code).toBe(1);
        const lines = stderr.trim().split('\n');
        expect(lines).toEqual([
          'Invalid configuration:',
          expect.stringMatching(
            /^ {2}- JWT_SECRET \(unset\): is required unless NODE_ENV is development or test \(unset NODE_ENV means production\); at least 32/,
          ),
          expect.stringMatching(
            /^ {2}- PUBLIC_URL \(unset\): is required unless NODE_ENV is development or test/,
          ),
          expect.stringMatching(
            /^ {2}- METRICS_TOKEN \(unset\): is required unless NODE_ENV is development or test/,
          ),
        ]);
      }
    });

    it('a former built-in JWT secret is refused at start, whatever NODE_ENV says', async () => {
      for (const secret of FORMER_BUILT_IN_SECRETS) {
        for (const NODE_ENV of [undefined, 'production', 'development']) {
          const { code, stderr } = await runToExit(
            'dist/main.js',
            { ...productionEnv(), NODE_ENV, JWT_SECRET: secret },
            tmpdir(),
          );
          expect(code).toBe(1);
          expect(stderr.trim().split('\n')).toEqual([
            'Invalid configuration:',
            expect.stringMatching(/^ {2}- JWT_SECRET=\[redacted\]: is a published example value/),
          ]);
          expect(stderr).not.toContain(secret);
        }
      }
    });

    it('rejects an admin token forged with any former built-in secret (the same claims signed with the real secret pass)', async () => {
      const env = productionEnv();
      const admin = {
        ADMIN_EMAIL: `admin-${randomBytes(4).toString('hex')}@prod.test`,
        ADMIN_PASSWORD: `Pw-${randomBytes(9).toString('hex')}1`,
      };
      const prod = await startApp({ ...env, NODE_ENV: 'production', ...admin });
      try {
        const { accessToken } = await loginAdmin(prod.http, admin);
        const claims = jwt.decode(accessToken) as jwt.JwtPayload;
        expect(claims.role).toBe('admin');
        const sign = (secret: string) =>
          jwt.sign({ ...claims, jti: randomBytes(8).toString('hex') }, secret, {
            algorithm: 'HS256',
          });
        for (const secret of FORMER_BUILT_IN_SECRETS) {
          expectProblem(
            await prod.http.get('/v1/users/me', { token: sign(secret) }),
            401,
            'UNAUTHENTICATED',
          );
        }
        expect((await prod.http.get('/v1/users/me', { token: sign(env.JWT_SECRET!) })).status).toBe(
          200,
        );
      } finally {
        await prod.close();
      }
    });
  });

  describe('graceful shutdown', () => {
    it('finishes in-flight requests, then exits on SIGTERM (no SIGKILL needed)', async () => {
      const env = adminEnv();
      const app = await startApp(env);
      const db = await connectDb();
      const lock = await connectDb();
      try {
        const admin = await loginAdmin(app.http, env);
        const bank = new Bank(app.http, admin.accessToken);
        const { user, acc } = await bank.userWithAccounts({ USD: 1_000 });
        const target = await bank.userWithAccounts({ USD: 0 });
        // Hold the source account's row: the transfers below are provably inside their handlers
        // (waiting on the lock) when SIGTERM arrives.
        await lock.beginTransaction();
        await lock.query('SELECT id FROM accounts WHERE id = ? FOR UPDATE', [
          uuidToBuffer(acc.USD!.id),
        ]);
        const inFlight = Promise.all(
          Array.from({ length: 5 }, () =>
            bank.transfer(user.accessToken, {
              fromAccountId: acc.USD!.id,
              toAccountId: target.acc.USD!.id,
              amount: 10,
              currency: 'USD',
            }),
          ),
        );
        await untilLockWaits(db, 5, 'five transfers waiting on the lock');
        // A connection whose request is still arriving (headers not finished) is not idle, so
        // the drain does not close it: its request is read after SIGTERM.
        const late = await RawConnection.open(app.baseUrl);
        late.write('GET /health/live HTTP/1.1\r\nHost: x\r\n');
        const closing = app.close();
        // Draining: the server takes no new requests while the five are still running.
        await eventually(
          async () => {
            const res = await fetch(`${app.baseUrl}/health/live`).catch(() => null);
            return res === null || res.status === 503 ? true : undefined;
          },
          10_000,
          'draining',
        );
        // A request that arrives while draining: 503 SHUTTING_DOWN problem+json, Retry-After,
        // and the connection closes (the client retries on another instance).
        late.write('\r\n');
        const drained = parseRawResponse(await late.readUntilClosed());
        expectProblem(drained, 503, 'SHUTTING_DOWN');
        expect(drained.headers.get('retry-after')).toBe('1');
        expect(drained.headers.get('connection')).toBe('close');
        expect(drained.body.instance).toBe('/health/live');
        await lock.commit();
        const answers = await inFlight;
        expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
        // Nest runs the shutdown hooks, then re-raises the signal: ending "by SIGTERM" is the clean path.
        expect([0, 'SIGTERM']).toContain(await closing);
        const [rows] = await db.query('SELECT balance FROM accounts WHERE id = ?', [
          uuidToBuffer(acc.USD!.id),
        ]);
        expect(Number((rows as Array<{ balance: number }>)[0].balance)).toBe(950);
      } finally {
        await lock.end().catch(() => undefined);
        await db.end();
        await app.close();
      }
    });
  });
});

/** The JSON pointer of the first place where two JSON values differ. */
function firstDifference(a: unknown, b: unknown, at = ''): string | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const diff = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
      );
      if (diff !== undefined) return diff;
    }
  }
  return at || '/';
}
