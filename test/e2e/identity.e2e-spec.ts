import { randomUUID } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import type { Connection } from 'mysql2/promise';
import { HttpClient, HttpResponse, startApp, TestApp } from '../support/app';
import { connectDb } from '../support/db';
import {
  expectProblem,
  PASSWORD,
  registerAndLogin,
  RegisteredUser,
  uniqueName,
  USER_KEYS,
} from '../support/factories';
import { baseTestEnv } from '../support/test-env';

/**
 * Identity, as specified in API.md ("Conventions", "Errors", "Identity"; OTP and email
 * verification are covered elsewhere). Most tests share one app started with the test
 * defaults; apps with different configuration are started (and closed) where needed.
 */

const SECRET = process.env.JWT_SECRET ?? baseTestEnv().JWT_SECRET;
const TOKENS_KEYS = [
  'accessToken',
  'accessTokenExpiresAt',
  'refreshToken',
  'refreshTokenExpiresAt',
  'sessionId',
  'user',
];
const SESSION_KEYS = ['createdAt', 'current', 'id', 'ip', 'lastUsedAt', 'userAgent'];
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface AccessClaims {
  sub: string;
  sid: string;
  role: string;
  exp: number;
  iat: number;
  jti: string;
}

function claimsOf(token: string): AccessClaims {
  return jwt.decode(token) as unknown as AccessClaims;
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Same claims a real token carries, signed by us. */
function craftToken(
  claims: Partial<AccessClaims>,
  secret = SECRET,
  algorithm: jwt.Algorithm = 'HS256',
): string {
  const now = Math.floor(Date.now() / 1000);
  return jwt.sign({ jti: randomUUID(), iat: now, exp: now + 600, ...claims }, secret, {
    algorithm,
  });
}

function registerBody(overrides: Record<string, unknown> = {}) {
  const username = uniqueName('reg');
  return {
    username,
    email: `${username}@example.com`,
    password: PASSWORD,
    fullName: 'Ada Lovelace',
    ...overrides,
  };
}

/** Asserts a User body: exactly the documented keys, and nothing that looks like a credential. */
function expectUserShape(user: Record<string, unknown>): void {
  expect(Object.keys(user).sort()).toEqual(USER_KEYS);
  expect(user.id).toEqual(expect.stringMatching(UUID));
  expect(user.createdAt).toEqual(expect.stringMatching(ISO_UTC));
  expect(['user', 'admin']).toContain(user.role);
  expect(typeof user.emailVerified).toBe('boolean');
  expect(JSON.stringify(user)).not.toMatch(/password|hash|\$2[aby]\$/i);
}

function fieldsOf(res: HttpResponse): string[] {
  return (res.body.errors ?? []).map((e: { field: string }) => e.field);
}

function withoutRequestId(res: HttpResponse): string {
  return res.text.split(res.body.requestId).join('<requestId>');
}

async function loginAs(http: HttpClient, login: string, password: string, userAgent?: string) {
  return http.post(
    '/v1/auth/login',
    { login, password },
    userAgent ? { headers: { 'user-agent': userAgent } } : {},
  );
}

describe('Identity', () => {
  let t: TestApp;
  let db: Connection;

  beforeAll(async () => {
    [t, db] = await Promise.all([startApp(), connectDb()]);
  });
  afterAll(async () => {
    await Promise.all([t?.close(), db?.end()]);
  });

  async function userRow(username: string): Promise<Record<string, any> | undefined> {
    const [rows] = await db.query(
      'SELECT username, email, password_hash, role, full_name FROM users WHERE username = ?',
      [username],
    );
    return (rows as Record<string, any>[])[0];
  }

  // ───────────────────────────────────────────── registration ──
  describe('POST /v1/users (register)', () => {
    it('201 with exactly the User fields, never a password or hash; the password is stored as a bcrypt hash', async () => {
      const body = registerBody();
      const res = await t.http.post('/v1/users', body);
      expect(res.status).toBe(201);
      expectUserShape(res.body);
      expect(res.body).toEqual(
        expect.objectContaining({
          username: body.username,
          email: body.email,
          phone: null,
          fullName: 'Ada Lovelace',
          nickname: null,
          bio: null,
          birthday: null,
          role: 'user',
          emailVerified: false,
        }),
      );
      expect(res.text).not.toContain(PASSWORD);
      const row = await userRow(body.username);
      expect(row?.password_hash).toMatch(/^\$2[aby]\$/);
      expect(row?.password_hash).not.toContain(PASSWORD);
    });

    it('stores the email lower-case', async () => {
      const username = uniqueName('case');
      const res = await t.http.post(
        '/v1/users',
        registerBody({ username, email: `${username.toUpperCase()}@Example.COM` }),
      );
      expect(res.status).toBe(201);
      expect(res.body.email).toBe(`${username}@example.com`);
      expect((await userRow(username))?.email).toBe(`${username}@example.com`);
    });

    it('username must match ^[a-z0-9_]{3,32}$ → else 400', async () => {
      for (const username of [
        'ab',
        'a'.repeat(33),
        'Upper_case',
        'has-dash',
        'with space',
        'ünïcode',
        '',
      ]) {
        const res = await t.http.post('/v1/users', registerBody({ username }));
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect({ username, fields: fieldsOf(res) }).toEqual({
          username,
          fields: expect.arrayContaining(['username']),
        });
      }
      const ok = await t.http.post(
        '/v1/users',
        registerBody({ username: `a_9${uniqueName('').slice(1)}`.slice(0, 32) }),
      );
      expect(ok.status).toBe(201);
    });

    it('password: 8..72 bytes (UTF-8) with at least one letter and one digit → else 400', async () => {
      const bad = {
        'too short (7)': 'abcd123',
        'no digit': 'abcdefghij',
        'no letter': '1234567890',
        '> 72 bytes with multibyte chars (38 chars, 74 bytes)': 'é'.repeat(36) + 'a1',
        '> 72 bytes ASCII': 'a1'.repeat(37),
      };
      for (const [why, password] of Object.entries(bad)) {
        const res = await t.http.post('/v1/users', registerBody({ password }));
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect({ why, fields: fieldsOf(res) }).toEqual({
          why,
          fields: expect.arrayContaining(['password']),
        });
      }
      // exactly 72 bytes (37 chars) and exactly 8 bytes are fine, and they log in
      for (const password of ['é'.repeat(35) + 'a1', 'abcdef12']) {
        const body = registerBody({ password });
        expect((await t.http.post('/v1/users', body)).status).toBe(201);
        expect((await loginAs(t.http, body.username, password)).status).toBe(200);
      }
    });

    it('fullName: 1..100 characters → else 400', async () => {
      for (const fullName of ['', '   ', 'x'.repeat(101)]) {
        const res = await t.http.post('/v1/users', registerBody({ fullName }));
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(fieldsOf(res)).toContain('fullName');
      }
      for (const fullName of ['X', 'x'.repeat(100), '𝒜'.repeat(100)]) {
        const res = await t.http.post('/v1/users', registerBody({ fullName }));
        expect({ fullName, status: res.status }).toEqual({ fullName, status: 201 });
        expect(res.body.fullName).toBe(fullName);
      }
    });

    it('invalid email → 400', async () => {
      for (const email of ['not-an-email', 'a@b', '@example.com', 'a b@example.com']) {
        const res = await t.http.post('/v1/users', registerBody({ email }));
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(fieldsOf(res)).toContain('email');
      }
    });

    it('409 USERNAME_TAKEN and 409 EMAIL_TAKEN (email compared case-insensitively)', async () => {
      const first = registerBody();
      expect((await t.http.post('/v1/users', first)).status).toBe(201);

      const sameName = await t.http.post('/v1/users', registerBody({ username: first.username }));
      expectProblem(sameName, 409, 'USERNAME_TAKEN');

      const sameEmail = await t.http.post(
        '/v1/users',
        registerBody({ email: first.email.toUpperCase() }),
      );
      expectProblem(sameEmail, 409, 'EMAIL_TAKEN');
    });

    it('unknown fields (role: "admin", emailVerified, id) → 400 and no user is created (no mass assignment)', async () => {
      const body = registerBody();
      for (const extra of [{ role: 'admin' }, { emailVerified: true }, { id: randomUUID() }]) {
        const res = await t.http.post('/v1/users', { ...body, ...extra });
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(fieldsOf(res)).toEqual(expect.arrayContaining(Object.keys(extra)));
      }
      expect(await userRow(body.username)).toBeUndefined();

      // the same registration without the smuggled fields gives an ordinary user
      const ok = await t.http.post('/v1/users', body);
      expect(ok.status).toBe(201);
      expect(ok.body.role).toBe('user');
      expect((await userRow(body.username))?.role).toBe('user');
    });

    it('10 concurrent registrations of one username → exactly one 201, the rest 409 USERNAME_TAKEN', async () => {
      const username = uniqueName('race');
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          t.http.post(
            '/v1/users',
            registerBody({ username, email: `${username}.${i}@example.com` }),
          ),
        ),
      );
      const created = results.filter((r) => r.status === 201);
      expect(results.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)]);
      for (const r of results.filter((x) => x.status !== 201))
        expectProblem(r, 409, 'USERNAME_TAKEN');
      const [rows] = await db.query('SELECT COUNT(*) AS n FROM users WHERE username = ?', [
        username,
      ]);
      expect(Number((rows as any[])[0].n)).toBe(1);
      expect(created[0].body.username).toBe(username);
    });
  });

  // ──────────────────────────────────────────────────── login ──
  describe('POST /v1/auth/login', () => {
    it('by username → 200 Tokens: 15-min access JWT, 7-day refresh token, session id, user', async () => {
      const body = registerBody();
      const reg = await t.http.post('/v1/users', body);
      const before = Date.now();
      const res = await loginAs(t.http, body.username, body.password);
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(TOKENS_KEYS);
      expectUserShape(res.body.user);
      expect(res.body.user).toEqual(reg.body);
      expect(res.body.sessionId).toMatch(UUID);
      expect(res.text).not.toContain(body.password);

      expect(res.body.accessTokenExpiresAt).toMatch(ISO_UTC);
      expect(res.body.refreshTokenExpiresAt).toMatch(ISO_UTC);
      const accessIn = Date.parse(res.body.accessTokenExpiresAt) - before;
      const refreshIn = Date.parse(res.body.refreshTokenExpiresAt) - before;
      expect(Math.abs(accessIn - 15 * 60_000)).toBeLessThan(10_000);
      expect(Math.abs(refreshIn - 7 * 86_400_000)).toBeLessThan(10_000);

      // refresh token: opaque, ≥ 256 bits of randomness, not a JWT
      expect(typeof res.body.refreshToken).toBe('string');
      expect(res.body.refreshToken.split('.').length).toBe(1);
      expect(res.body.refreshToken.length).toBeGreaterThanOrEqual(43);
    });

    it('access token is an HS256 JWT with sub, sid, role, exp, iat, jti', async () => {
      const body = registerBody();
      const reg = await t.http.post('/v1/users', body);
      const res = await loginAs(t.http, body.username, body.password);
      const decoded = jwt.decode(res.body.accessToken, { complete: true })!;
      expect(decoded.header.alg).toBe('HS256');
      const claims = decoded.payload as unknown as AccessClaims;
      expect(claims).toEqual(
        expect.objectContaining({
          sub: reg.body.id,
          sid: res.body.sessionId,
          role: 'user',
          exp: expect.any(Number),
          iat: expect.any(Number),
          jti: expect.any(String),
        }),
      );
      expect(claims.exp - claims.iat).toBe(900);
      expect(claims.exp * 1000).toBe(Date.parse(res.body.accessTokenExpiresAt));
      expect(Math.abs(claims.iat * 1000 - Date.now())).toBeLessThan(10_000);
      // really signed with the configured secret and algorithm
      expect(() =>
        jwt.verify(res.body.accessToken, SECRET, { algorithms: ['HS256'] }),
      ).not.toThrow();
      // every token gets its own jti
      const again = await loginAs(t.http, body.username, body.password);
      expect(claimsOf(again.body.accessToken).jti).not.toBe(claims.jti);
    });

    it('by email in any case → 200 for the same user', async () => {
      const body = registerBody();
      const reg = await t.http.post('/v1/users', body);
      for (const login of [
        body.email,
        body.email.toUpperCase(),
        body.email.replace('example', 'ExAmPlE'),
      ]) {
        const res = await loginAs(t.http, login, body.password);
        expect({ login, status: res.status }).toEqual({ login, status: 200 });
        expect(res.body.user.id).toBe(reg.body.id);
      }
    });

    it('the access token works on a protected route', async () => {
      const u = await registerAndLogin(t.http);
      const me = await t.http.get('/v1/users/me', { token: u.accessToken });
      expect(me.status).toBe(200);
      expect(me.body.id).toBe(u.id);
    });

    it('wrong password and unknown user → 401 INVALID_CREDENTIALS', async () => {
      const u = await registerAndLogin(t.http);
      expectProblem(
        await loginAs(t.http, u.username, 'wrong-password-1'),
        401,
        'INVALID_CREDENTIALS',
      );
      expectProblem(
        await loginAs(t.http, uniqueName('ghost'), 'wrong-password-1'),
        401,
        'INVALID_CREDENTIALS',
      );
      expectProblem(
        await loginAs(t.http, `${uniqueName('ghost')}@example.com`, PASSWORD),
        401,
        'INVALID_CREDENTIALS',
      );
      // a password over 72 bytes whose first 72 bytes are right must not log in either
      const long = registerBody({ password: 'a1'.repeat(36) });
      await t.http.post('/v1/users', long);
      expectProblem(
        await loginAs(t.http, long.username, 'a1'.repeat(36) + 'zzz'),
        401,
        'INVALID_CREDENTIALS',
      );
    });

    describe('unknown user vs wrong password (app with BCRYPT_COST=10)', () => {
      let slow: TestApp;
      beforeAll(async () => {
        slow = await startApp({ BCRYPT_COST: '10' });
      });
      afterAll(async () => {
        await slow?.close();
      });

      it('byte-identical problem bodies apart from requestId, and comparable duration', async () => {
        const body = registerBody();
        expect((await slow.http.post('/v1/users', body)).status).toBe(201);
        const timed = async (login: string) => {
          const start = process.hrtime.bigint();
          const res = await loginAs(slow.http, login, 'wrong-password-1');
          return { res, ms: Number(process.hrtime.bigint() - start) / 1e6 };
        };
        await timed(uniqueName('warmup')); // first request of a process pays for lazy initialisation

        let wrongMs = 0;
        let unknownMs = 0;
        const texts = new Set<string>();
        for (let i = 0; i < 4; i++) {
          // < 5 failures per login name, so login throttling stays out of the picture
          const wrong = await timed(body.username);
          const unknown = await timed(uniqueName('ghost'));
          expectProblem(wrong.res, 401, 'INVALID_CREDENTIALS');
          expectProblem(unknown.res, 401, 'INVALID_CREDENTIALS');
          texts.add(withoutRequestId(wrong.res));
          texts.add(withoutRequestId(unknown.res));
          wrongMs += wrong.ms;
          unknownMs += unknown.ms;
        }
        expect(texts.size).toBe(1);
        // an unknown user costs a full bcrypt comparison too (without one it would be ~20× faster)
        expect(unknownMs).toBeGreaterThanOrEqual(0.3 * wrongMs);
      });
    });
  });

  // ─────────────────────────────────────────── access tokens ──
  describe('access tokens', () => {
    let u: RegisteredUser;
    let claims: AccessClaims;
    beforeAll(async () => {
      u = await registerAndLogin(t.http);
      claims = claimsOf(u.accessToken);
    });

    const me = (authorization?: string) =>
      t.http.get('/v1/users/me', { headers: authorization === undefined ? {} : { authorization } });

    it('control: a token we sign with the right secret, HS256 and real claims is accepted', async () => {
      const res = await me(
        `Bearer ${craftToken({ sub: claims.sub, sid: claims.sid, role: claims.role })}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.id).toBe(u.id);
    });

    it('forged signature → 401 UNAUTHENTICATED', async () => {
      const wrongSecret = craftToken(
        { sub: claims.sub, sid: claims.sid, role: claims.role },
        'not-the-secret-not-the-secret-not-the-secret',
      );
      expectProblem(await me(`Bearer ${wrongSecret}`), 401, 'UNAUTHENTICATED');
      // payload tampered (role: admin), original signature kept
      const [h, , s] = u.accessToken.split('.');
      const tampered = `${h}.${b64url({ ...claims, role: 'admin' })}.${s}`;
      expectProblem(await me(`Bearer ${tampered}`), 401, 'UNAUTHENTICATED');
    });

    it('alg: none → 401 UNAUTHENTICATED', async () => {
      for (const alg of ['none', 'None', 'NONE']) {
        const unsigned = `${b64url({ alg, typ: 'JWT' })}.${b64url(claims)}.`;
        expectProblem(await me(`Bearer ${unsigned}`), 401, 'UNAUTHENTICATED');
      }
    });

    it('another algorithm than the pinned HS256 (HS512, HS384, right secret) → 401 UNAUTHENTICATED', async () => {
      for (const alg of ['HS512', 'HS384'] as const) {
        const token = craftToken(
          { sub: claims.sub, sid: claims.sid, role: claims.role },
          SECRET,
          alg,
        );
        expectProblem(await me(`Bearer ${token}`), 401, 'UNAUTHENTICATED');
      }
    });

    it('expired (right secret, exp in the past) → 401 UNAUTHENTICATED', async () => {
      const now = Math.floor(Date.now() / 1000);
      const expired = craftToken({
        sub: claims.sub,
        sid: claims.sid,
        role: claims.role,
        iat: now - 1000,
        exp: now - 100,
      });
      expectProblem(await me(`Bearer ${expired}`), 401, 'UNAUTHENTICATED');
    });

    it('a token accepted before (remembered as verified) is refused from the second of its exp', async () => {
      const exp = Math.floor(Date.now() / 1000) + 2;
      const shortLived = craftToken({
        sub: claims.sub,
        sid: claims.sid,
        role: claims.role,
        iat: exp - 2,
        exp,
      });
      expect((await me(`Bearer ${shortLived}`)).status).toBe(200);
      expect((await me(`Bearer ${shortLived}`)).status).toBe(200);
      // The condition is the clock itself: wait until the token's expiry second has come.
      while (Math.floor(Date.now() / 1000) < exp) await new Promise((r) => setTimeout(r, 50));
      expectProblem(await me(`Bearer ${shortLived}`), 401, 'UNAUTHENTICATED');
      // The remembered token is the exact text: one changed character is verified afresh.
      const tampered = `${u.accessToken.slice(0, -1)}${u.accessToken.endsWith('A') ? 'B' : 'A'}`;
      expect((await me(`Bearer ${u.accessToken}`)).status).toBe(200);
      expectProblem(await me(`Bearer ${tampered}`), 401, 'UNAUTHENTICATED');
    });

    it('garbage, empty, or without the "Bearer" scheme → 401 UNAUTHENTICATED', async () => {
      for (const header of [
        'Bearer garbage',
        'Bearer a.b.c',
        'Bearer ',
        'Bearer',
        u.accessToken,
        `Basic ${u.accessToken}`,
        `Token ${u.accessToken}`,
      ]) {
        expectProblem(await me(header), 401, 'UNAUTHENTICATED');
      }
      expectProblem(await me(), 401, 'UNAUTHENTICATED');
    });

    it('sub or sid that is not a UUID, or an unknown role → 401 UNAUTHENTICATED', async () => {
      for (const bad of [
        { sub: 'not-a-uuid', sid: claims.sid, role: 'user' },
        { sub: claims.sub, sid: 'not-a-uuid', role: 'user' },
        { sub: claims.sub, sid: "' OR 1=1 --", role: 'user' },
        { sub: 42, sid: claims.sid, role: 'user' },
        { sub: claims.sub, sid: claims.sid, role: 'root' },
        { sub: claims.sub, role: 'user' },
      ]) {
        expectProblem(
          await me(`Bearer ${craftToken(bad as Partial<AccessClaims>)}`),
          401,
          'UNAUTHENTICATED',
        );
      }
    });

    it('a well-signed token for a session that does not exist → 401 UNAUTHENTICATED', async () => {
      const token = craftToken({ sub: claims.sub, sid: randomUUID(), role: 'user' });
      expectProblem(await me(`Bearer ${token}`), 401, 'UNAUTHENTICATED');
    });
  });

  // ────────────────────────────────────────────────── refresh ──
  describe('POST /v1/auth/refresh', () => {
    const refresh = (refreshToken: string) => t.http.post('/v1/auth/refresh', { refreshToken });

    it('rotates: a new Tokens pair for the same session; the old refresh token then → 401', async () => {
      const u = await registerAndLogin(t.http);
      const res = await refresh(u.refreshToken);
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(TOKENS_KEYS);
      expect(res.body.sessionId).toBe(u.sessionId);
      expect(res.body.refreshToken).not.toBe(u.refreshToken);
      expect(res.body.accessToken).not.toBe(u.accessToken);
      expect(res.body.user.id).toBe(u.id);
      expect(claimsOf(res.body.accessToken).sid).toBe(u.sessionId);
      expect((await t.http.get('/v1/users/me', { token: res.body.accessToken })).status).toBe(200);

      expectProblem(await refresh(u.refreshToken), 401, 'UNAUTHENTICATED');
    });

    it('unknown refresh token, or an access token used as one → 401; missing → 400', async () => {
      const u = await registerAndLogin(t.http);
      expectProblem(await refresh('A'.repeat(43)), 401, 'UNAUTHENTICATED');
      expectProblem(await refresh(u.accessToken), 401, 'UNAUTHENTICATED');
      expectProblem(await t.http.post('/v1/auth/refresh', {}), 400, 'VALIDATION_FAILED');
      // none of that harmed the real session
      expect((await refresh(u.refreshToken)).status).toBe(200);
    });

    it('reusing an already-rotated token → 401 and the whole session is revoked (newest refresh and access tokens too)', async () => {
      const u = await registerAndLogin(t.http);
      const other = await loginAs(t.http, u.username, u.password);
      const r1 = await refresh(u.refreshToken);
      const r2 = await refresh(r1.body.refreshToken);
      expect([r1.status, r2.status]).toEqual([200, 200]);
      expect((await t.http.get('/v1/users/me', { token: r2.body.accessToken })).status).toBe(200);

      // the leaked first token comes back
      expectProblem(await refresh(u.refreshToken), 401, 'UNAUTHENTICATED');

      // the session is dead: its newest refresh token and its access tokens, at once
      expectProblem(await refresh(r2.body.refreshToken), 401, 'UNAUTHENTICATED');
      expectProblem(
        await t.http.get('/v1/users/me', { token: r2.body.accessToken }),
        401,
        'UNAUTHENTICATED',
      );
      expectProblem(
        await t.http.get('/v1/users/me', { token: u.accessToken }),
        401,
        'UNAUTHENTICATED',
      );

      // other sessions of the user are not affected
      const list = await t.http.get('/v1/auth/sessions', { token: other.body.accessToken });
      expect(list.status).toBe(200);
      expect(list.body.items.map((s: { id: string }) => s.id)).not.toContain(u.sessionId);
      expect((await refresh(other.body.refreshToken)).status).toBe(200);
    });

    it('5 concurrent refreshes with the same token → at most one 200, the rest 401', async () => {
      const u = await registerAndLogin(t.http);
      const results = await Promise.all(Array.from({ length: 5 }, () => refresh(u.refreshToken)));
      const ok = results.filter((r) => r.status === 200);
      expect(ok.length).toBeLessThanOrEqual(1);
      for (const r of results.filter((x) => x.status !== 200))
        expectProblem(r, 401, 'UNAUTHENTICATED');
      // whatever won, the old token is spent
      expectProblem(await refresh(u.refreshToken), 401, 'UNAUTHENTICATED');
    });
  });

  // ─────────────────────────────────────────────────── logout ──
  describe('POST /v1/auth/logout', () => {
    it('204; that access token → 401 at once and its refresh token → 401; other sessions keep working', async () => {
      const u = await registerAndLogin(t.http);
      const other = await loginAs(t.http, u.username, u.password);
      expect((await t.http.get('/v1/users/me', { token: u.accessToken })).status).toBe(200); // warm any cache

      const res = await t.http.post('/v1/auth/logout', undefined, { token: u.accessToken });
      expect(res.status).toBe(204);
      expect(res.text).toBe('');

      expectProblem(
        await t.http.get('/v1/users/me', { token: u.accessToken }),
        401,
        'UNAUTHENTICATED',
      );
      expectProblem(
        await t.http.post('/v1/auth/logout', undefined, { token: u.accessToken }),
        401,
        'UNAUTHENTICATED',
      );
      expectProblem(
        await t.http.post('/v1/auth/refresh', { refreshToken: u.refreshToken }),
        401,
        'UNAUTHENTICATED',
      );

      expect((await t.http.get('/v1/users/me', { token: other.body.accessToken })).status).toBe(
        200,
      );
      expect(
        (await t.http.post('/v1/auth/refresh', { refreshToken: other.body.refreshToken })).status,
      ).toBe(200);
    });

    it('without a token → 401', async () => {
      expectProblem(await t.http.post('/v1/auth/logout'), 401, 'UNAUTHENTICATED');
    });
  });

  // ───────────────────────────────────────────────── sessions ──
  describe('/v1/auth/sessions', () => {
    it('GET lists own active sessions with userAgent, ip and the current flag', async () => {
      const u = await registerAndLogin(t.http);
      const phone = await loginAs(t.http, u.username, u.password, 'AtriumTest/phone');
      const laptop = await loginAs(t.http, u.username, u.password, 'AtriumTest/laptop');
      const stranger = await registerAndLogin(t.http);

      const res = await t.http.get('/v1/auth/sessions', { token: phone.body.accessToken });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body)).toEqual(['items']);
      const items = res.body.items as Array<Record<string, any>>;
      expect(items.map((s) => s.id).sort()).toEqual(
        [u.sessionId, phone.body.sessionId, laptop.body.sessionId].sort(),
      );
      expect(items.map((s) => s.id)).not.toContain(stranger.sessionId);
      for (const s of items) {
        expect(Object.keys(s).sort()).toEqual(SESSION_KEYS);
        expect(s.createdAt).toMatch(ISO_UTC);
        expect(s.lastUsedAt).toMatch(ISO_UTC);
        expect(s.ip).toMatch(/127\.0\.0\.1|::1/);
      }
      expect(items.filter((s) => s.current).map((s) => s.id)).toEqual([phone.body.sessionId]);
      expect(items.find((s) => s.id === phone.body.sessionId)!.userAgent).toBe('AtriumTest/phone');
      expect(items.find((s) => s.id === laptop.body.sessionId)!.userAgent).toBe(
        'AtriumTest/laptop',
      );

      // asked from another session, the flag follows the caller
      const fromLaptop = await t.http.get('/v1/auth/sessions', { token: laptop.body.accessToken });
      expect(fromLaptop.body.items.filter((s: any) => s.current).map((s: any) => s.id)).toEqual([
        laptop.body.sessionId,
      ]);
    });

    it('DELETE own other session → 204; its access token → 401 at once and it leaves the list', async () => {
      const u = await registerAndLogin(t.http);
      const lost = await loginAs(t.http, u.username, u.password, 'AtriumTest/lost-device');
      expect((await t.http.get('/v1/users/me', { token: lost.body.accessToken })).status).toBe(200); // warm any cache

      const res = await t.http.delete(`/v1/auth/sessions/${lost.body.sessionId}`, {
        token: u.accessToken,
      });
      expect(res.status).toBe(204);

      expectProblem(
        await t.http.get('/v1/users/me', { token: lost.body.accessToken }),
        401,
        'UNAUTHENTICATED',
      );
      expectProblem(
        await t.http.post('/v1/auth/refresh', { refreshToken: lost.body.refreshToken }),
        401,
        'UNAUTHENTICATED',
      );
      const list = await t.http.get('/v1/auth/sessions', { token: u.accessToken });
      expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([u.sessionId]);

      // already ended → 404
      expectProblem(
        await t.http.delete(`/v1/auth/sessions/${lost.body.sessionId}`, { token: u.accessToken }),
        404,
        'NOT_FOUND',
      );
    });

    it("DELETE another user's session → 404 (and it keeps working); malformed or unknown id → 404", async () => {
      const me = await registerAndLogin(t.http);
      const victim = await registerAndLogin(t.http);

      expectProblem(
        await t.http.delete(`/v1/auth/sessions/${victim.sessionId}`, { token: me.accessToken }),
        404,
        'NOT_FOUND',
      );
      expect((await t.http.get('/v1/users/me', { token: victim.accessToken })).status).toBe(200);

      for (const id of ['not-a-uuid', '123', randomUUID(), `${victim.sessionId}x`]) {
        expectProblem(
          await t.http.delete(`/v1/auth/sessions/${encodeURIComponent(id)}`, {
            token: me.accessToken,
          }),
          404,
          'NOT_FOUND',
        );
      }
    });

    it('without a token → 401', async () => {
      expectProblem(await t.http.get('/v1/auth/sessions'), 401, 'UNAUTHENTICATED');
      expectProblem(
        await t.http.delete(`/v1/auth/sessions/${randomUUID()}`),
        401,
        'UNAUTHENTICATED',
      );
    });
  });

  // ──────────────────────────────────────────────── users/me ──
  describe('/v1/users/me', () => {
    it('GET → 200 the caller as User', async () => {
      const u = await registerAndLogin(t.http);
      const res = await t.http.get('/v1/users/me', { token: u.accessToken });
      expect(res.status).toBe(200);
      expectUserShape(res.body);
      expect(res.body).toEqual(
        expect.objectContaining({ id: u.id, username: u.username, email: u.email, role: 'user' }),
      );
    });

    it('PATCH fullName, nickname, bio, birthday → 200 User with the changes, and they persist', async () => {
      const u = await registerAndLogin(t.http);
      const patch = {
        fullName: 'Ada King',
        nickname: 'ada',
        bio: 'Poetical science.',
        birthday: '1990-02-28',
      };
      const res = await t.http.patch('/v1/users/me', patch, { token: u.accessToken });
      expect(res.status).toBe(200);
      expectUserShape(res.body);
      expect(res.body).toEqual(
        expect.objectContaining({
          ...patch,
          id: u.id,
          username: u.username,
          email: u.email,
          role: 'user',
        }),
      );
      const me = await t.http.get('/v1/users/me', { token: u.accessToken });
      expect(me.body).toEqual(res.body);

      // partial: only what is sent changes; null clears
      const partial = await t.http.patch(
        '/v1/users/me',
        { nickname: null, birthday: '2000-02-29' },
        { token: u.accessToken },
      );
      expect(partial.status).toBe(200);
      expect(partial.body).toEqual(
        expect.objectContaining({
          fullName: 'Ada King',
          nickname: null,
          bio: 'Poetical science.',
          birthday: '2000-02-29',
        }),
      );
    });

    it('invalid birthday (impossible date, future, wrong format) → 400, nothing changed', async () => {
      const u = await registerAndLogin(t.http);
      const before = (await t.http.get('/v1/users/me', { token: u.accessToken })).body;
      const future = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
      for (const birthday of [
        '2023-02-30',
        '2023-13-01',
        '2021-02-29',
        future,
        '1990/01/01',
        '01-01-1990',
        19900101,
      ]) {
        const res = await t.http.patch(
          '/v1/users/me',
          { fullName: 'Changed Name', birthday },
          { token: u.accessToken },
        );
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect({ birthday, fields: fieldsOf(res) }).toEqual({
          birthday,
          fields: expect.arrayContaining(['birthday']),
        });
      }
      expect((await t.http.get('/v1/users/me', { token: u.accessToken })).body).toEqual(before);
    });

    it('fullName out of 1..100, nickname > 50, bio > 500 → 400', async () => {
      const u = await registerAndLogin(t.http);
      for (const patch of [
        { fullName: '' },
        { fullName: 'x'.repeat(101) },
        { nickname: 'n'.repeat(51) },
        { bio: 'b'.repeat(501) },
      ]) {
        const res = await t.http.patch('/v1/users/me', patch, { token: u.accessToken });
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(fieldsOf(res)).toEqual(expect.arrayContaining(Object.keys(patch)));
      }
    });

    it('unknown fields (role, email, emailVerified, id, username, passwordHash) → 400, nothing changed', async () => {
      const u = await registerAndLogin(t.http);
      const before = (await t.http.get('/v1/users/me', { token: u.accessToken })).body;
      const smuggled: Array<Record<string, unknown>> = [
        { role: 'admin' },
        { email: 'attacker@example.com' },
        { emailVerified: true },
        { id: randomUUID() },
        { username: 'renamed_user' },
        { passwordHash: '$2b$04$abcdefghijklmnopqrstuv' },
      ];
      for (const extra of smuggled) {
        const res = await t.http.patch(
          '/v1/users/me',
          { fullName: 'Changed Name', ...extra },
          { token: u.accessToken },
        );
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(fieldsOf(res)).toEqual(expect.arrayContaining(Object.keys(extra)));
      }
      expect((await t.http.get('/v1/users/me', { token: u.accessToken })).body).toEqual(before);
      const row = await userRow(u.username);
      expect(row).toEqual(
        expect.objectContaining({ role: 'user', email: u.email, full_name: 'Test User' }),
      );
    });

    it('without a token → 401', async () => {
      expectProblem(await t.http.patch('/v1/users/me', { fullName: 'X' }), 401, 'UNAUTHENTICATED');
    });
  });

  // ───────────────────────────────────────── password change ──
  describe('POST /v1/users/me/password', () => {
    it('wrong current password → 401 INVALID_CREDENTIALS; weak new password → 400; nothing changed', async () => {
      const u = await registerAndLogin(t.http);
      const other = await loginAs(t.http, u.username, u.password);

      const wrong = await t.http.post(
        '/v1/users/me/password',
        { currentPassword: 'not-my-password-1', newPassword: 'brand-new-pass-9' },
        { token: u.accessToken },
      );
      expectProblem(wrong, 401, 'INVALID_CREDENTIALS');

      for (const newPassword of ['short1', 'nodigitshere', '1234567890', 'é'.repeat(36) + 'a1']) {
        const res = await t.http.post(
          '/v1/users/me/password',
          { currentPassword: u.password, newPassword },
          { token: u.accessToken },
        );
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(fieldsOf(res)).toContain('newPassword');
      }
      expectProblem(
        await t.http.post(
          '/v1/users/me/password',
          { currentPassword: u.password, newPassword: 'brand-new-pass-9', role: 'admin' },
          { token: u.accessToken },
        ),
        400,
        'VALIDATION_FAILED',
      );

      // the failed attempts neither signed anybody out nor changed the password
      expect((await t.http.get('/v1/users/me', { token: u.accessToken })).status).toBe(200);
      expect((await t.http.get('/v1/users/me', { token: other.body.accessToken })).status).toBe(
        200,
      );
      expect((await loginAs(t.http, u.username, u.password)).status).toBe(200);
    });

    it('success → 204; this session keeps working, every other session ends at once; only the new password logs in', async () => {
      const u = await registerAndLogin(t.http);
      const second = await loginAs(t.http, u.username, u.password);
      const third = await loginAs(t.http, u.username, u.password);
      const stranger = await registerAndLogin(t.http);
      for (const token of [second.body.accessToken, third.body.accessToken]) {
        expect((await t.http.get('/v1/users/me', { token })).status).toBe(200); // warm any cache
      }

      const newPassword = 'brand-new-pass-9';
      const res = await t.http.post(
        '/v1/users/me/password',
        { currentPassword: u.password, newPassword },
        { token: u.accessToken },
      );
      expect(res.status).toBe(204);

      expect((await t.http.get('/v1/users/me', { token: u.accessToken })).status).toBe(200);
      expect((await t.http.post('/v1/auth/refresh', { refreshToken: u.refreshToken })).status).toBe(
        200,
      );
      for (const s of [second.body, third.body]) {
        expectProblem(
          await t.http.get('/v1/users/me', { token: s.accessToken }),
          401,
          'UNAUTHENTICATED',
        );
        expectProblem(
          await t.http.post('/v1/auth/refresh', { refreshToken: s.refreshToken }),
          401,
          'UNAUTHENTICATED',
        );
      }
      // another user's sessions are untouched
      expect((await t.http.get('/v1/users/me', { token: stranger.accessToken })).status).toBe(200);

      expectProblem(await loginAs(t.http, u.username, u.password), 401, 'INVALID_CREDENTIALS');
      expect((await loginAs(t.http, u.username, newPassword)).status).toBe(200);
    });
  });

  // ───────────────────────────────────────── login throttling ──
  describe('login throttling (defaults: 5 failures per login per 15 min)', () => {
    it('5 wrong passwords → 401 each; the 6th attempt, even with the right password → 429 RATE_LIMITED with Retry-After', async () => {
      const u = await registerAndLogin(t.http);
      for (let i = 0; i < 5; i++)
        expectProblem(
          await loginAs(t.http, u.username, `wrong-password-${i}`),
          401,
          'INVALID_CREDENTIALS',
        );

      for (const password of [u.password, 'wrong-password-6']) {
        const res = await loginAs(t.http, u.username, password);
        expectProblem(res, 429, 'RATE_LIMITED');
        const retryAfter = res.headers.get('retry-after');
        expect(retryAfter).toMatch(/^\d+$/);
        expect(Number(retryAfter)).toBeGreaterThan(0);
        expect(Number(retryAfter)).toBeLessThanOrEqual(900);
      }
      // the same login name in another case is the same login
      expectProblem(
        await loginAs(t.http, u.username.toUpperCase(), u.password),
        429,
        'RATE_LIMITED',
      );

      // another login name is unaffected, and the throttled user's existing session still works
      const other = await registerAndLogin(t.http);
      expect((await loginAs(t.http, other.username, other.password)).status).toBe(200);
      expect((await t.http.get('/v1/users/me', { token: u.accessToken })).status).toBe(200);
    });

    it('a successful login resets the failure count', async () => {
      const u = await registerAndLogin(t.http);
      for (let i = 0; i < 4; i++)
        expectProblem(
          await loginAs(t.http, u.username, 'wrong-password-1'),
          401,
          'INVALID_CREDENTIALS',
        );
      expect((await loginAs(t.http, u.username, u.password)).status).toBe(200);
      for (let i = 0; i < 4; i++)
        expectProblem(
          await loginAs(t.http, u.username, 'wrong-password-1'),
          401,
          'INVALID_CREDENTIALS',
        );
      expect((await loginAs(t.http, u.username, u.password)).status).toBe(200);
    });

    it('20 parallel wrong attempts on a fresh login name → at most 5 are evaluated (non-429)', async () => {
      const u = await registerAndLogin(t.http);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => loginAs(t.http, u.username, `wrong-password-${i}`)),
      );
      const evaluated = results.filter((r) => r.status !== 429);
      for (const r of evaluated) expectProblem(r, 401, 'INVALID_CREDENTIALS');
      for (const r of results.filter((x) => x.status === 429))
        expectProblem(r, 429, 'RATE_LIMITED');
      expect(evaluated.length).toBeLessThanOrEqual(5);
    });
  });

  // ─────────────────────────────────────────── per-IP limit ──
  describe('per-IP rate limit (app with RATE_LIMIT_PER_MINUTE=5)', () => {
    let limited: TestApp;
    beforeAll(async () => {
      // its own Redis prefix, so the counters of the other apps in this run don't count here
      limited = await startApp({
        RATE_LIMIT_PER_MINUTE: '5',
        REDIS_PREFIX: `${process.env.REDIS_PREFIX}rl:`,
      });
    });
    afterAll(async () => {
      await limited?.close();
    });

    it('the 6th request within a minute → 429 RATE_LIMITED with Retry-After; /health/live is not limited', async () => {
      for (let i = 0; i < 5; i++) {
        expectProblem(
          await limited.http.post('/v1/auth/refresh', { refreshToken: `unknown-${i}` }),
          401,
          'UNAUTHENTICATED',
        );
      }
      const sixth = await limited.http.post('/v1/auth/refresh', { refreshToken: 'unknown-6' });
      expectProblem(sixth, 429, 'RATE_LIMITED');
      expect(sixth.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(sixth.headers.get('retry-after'))).toBeLessThanOrEqual(60);

      for (let i = 0; i < 10; i++)
        expect((await limited.http.get('/health/live')).status).toBe(200);
    });
  });

  // ──────────────────────────────────────────────────── roles ──
  describe('roles: ADMIN_EMAIL + ADMIN_PASSWORD', () => {
    const adminName = uniqueName('adm');
    const adminEnv = { ADMIN_EMAIL: `${adminName}@example.com`, ADMIN_PASSWORD: 'admin-pass-123' };

    async function expectAdmin(http: HttpClient, login: string, password: string): Promise<string> {
      const res = await loginAs(http, login, password);
      expect(res.status).toBe(200);
      expect(res.body.user.role).toBe('admin');
      expect(claimsOf(res.body.accessToken).role).toBe('admin');
      const me = await http.get('/v1/users/me', { token: res.body.accessToken });
      expect(me.status).toBe(200);
      expect(me.body.role).toBe('admin');
      return me.body.id;
    }

    it('creates that admin at start; a restart with the same values is idempotent', async () => {
      let app = await startApp(adminEnv);
      let firstId: string;
      try {
        firstId = await expectAdmin(app.http, adminEnv.ADMIN_EMAIL, adminEnv.ADMIN_PASSWORD);
      } finally {
        await app.close();
      }

      app = await startApp(adminEnv);
      try {
        expect(await expectAdmin(app.http, adminEnv.ADMIN_EMAIL, adminEnv.ADMIN_PASSWORD)).toBe(
          firstId,
        );
        const [rows] = await db.query(
          "SELECT COUNT(*) AS n FROM users WHERE email = ? OR username LIKE CONCAT(?, '%')",
          [adminEnv.ADMIN_EMAIL, adminName],
        );
        expect(Number((rows as any[])[0].n)).toBe(1);
      } finally {
        await app.close();
      }
    });

    it('promotes an existing user whose email is configured as ADMIN_EMAIL (any case)', async () => {
      const u = await registerAndLogin(t.http);
      expect(claimsOf(u.accessToken).role).toBe('user');

      const app = await startApp({
        ADMIN_EMAIL: u.email.toUpperCase(),
        ADMIN_PASSWORD: 'admin-pass-123',
      });
      try {
        expect(await expectAdmin(app.http, u.username, u.password)).toBe(u.id);
        expect((await userRow(u.username))?.role).toBe('admin');
        const [rows] = await db.query('SELECT COUNT(*) AS n FROM users WHERE email = ?', [u.email]);
        expect(Number((rows as any[])[0].n)).toBe(1);
      } finally {
        await app.close();
      }
    });

    it('an ordinary registration is role user in /v1/users/me and in the JWT', async () => {
      const u = await registerAndLogin(t.http);
      expect(claimsOf(u.accessToken).role).toBe('user');
      expect((await t.http.get('/v1/users/me', { token: u.accessToken })).body.role).toBe('user');
    });
  });
});
