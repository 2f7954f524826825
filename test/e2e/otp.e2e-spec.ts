import { randomInt } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import type { Connection } from 'mysql2/promise';
import { startApp, TestApp } from '../support/app';
import { connectDb, uuidToBuffer } from '../support/db';
import { FakeSmsGateway } from '../support/fake-sms-gateway';
import { expectProblem, PASSWORD } from '../support/factories';
import { eventually, readJsonl } from '../support/outbox';
import { RedisServer } from '../support/redis-server';
import { testRedis } from '../support/redis';

/**
 * SMS one-time-code sign-in (API.md "Identity", OTP rules) and the SMS provider chain
 * (failover, circuit breaker, deferral). Each top-level block runs its own app, started after
 * the previous one stopped: apps on one database share the outbox and the queue.
 */

const TOKENS_KEYS = [
  'accessToken',
  'accessTokenExpiresAt',
  'refreshToken',
  'refreshTokenExpiresAt',
  'sessionId',
  'user',
];
const CODE = /\b\d{6}\b/g;

interface SmsLine {
  to: string;
  text: string;
  sentAt: string;
}

/** A fresh, valid E.164 number (+1 555 and 7 random digits). */
function newPhone(): string {
  return `+1555${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
}

function smsTo(phone: string): SmsLine[] {
  return readJsonl<SmsLine>('sms.jsonl').filter((m) => m.to === phone);
}

/** The only 6-digit number of an SMS text. */
function codeIn(text: string): string {
  const codes = text.match(CODE) ?? [];
  expect(codes).toHaveLength(1);
  return codes[0] ?? '';
}

/** Waits for the `count`-th SMS to `phone` in sms.jsonl and returns its code. */
async function codeFromFile(phone: string, count = 1): Promise<string> {
  const list = await eventually(
    async () => {
      const all = smsTo(phone);
      return all.length >= count ? all : undefined;
    },
    10_000,
    `${count} SMS to ${phone}`,
  );
  return codeIn(list[count - 1].text);
}

/** A 6-digit code that is not `code`. */
function wrongCode(code: string, i = 0): string {
  return String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0');
}

/**
 * Waits until the app's Redis no longer holds `key` (prefixed as the app prefixes it): how a
 * short OTP_TTL_SECONDS / OTP_RESEND_SECONDS window is seen to end, without touching the code.
 */
function untilRedisDrops(redis: Redis | Cluster, key: string): Promise<true> {
  return eventually(
    async () =>
      (await redis.exists(`${process.env.REDIS_PREFIX}${key}`)) === 0 ? true : undefined,
    10_000,
    `${key} gone from Redis`,
  );
}

describe('OTP sign-in (API.md Identity)', () => {
  let app: TestApp;
  let db: Connection;

  beforeAll(async () => {
    app = await startApp();
    db = await connectDb();
  });
  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  const send = (phone: unknown) => app.http.post('/v1/auth/otp/send', { phone });
  const verify = (phone: unknown, code: unknown) =>
    app.http.post('/v1/auth/otp/verify', { phone, code });

  it('documents the OTP, email verification and first-password operations with their errors (OpenAPI)', async () => {
    const doc = (await app.http.get('/docs-json')).body;
    const expected: Record<string, string[]> = {
      '/v1/auth/otp/send': ['202', '400', '429', '503'],
      '/v1/auth/otp/verify': ['200', '400', '401', '429', '503'],
      '/v1/users/me/email-verification': ['202', '401', '429'],
      '/v1/email-verifications/confirm': ['200', '400'],
      '/v1/users/me/password': ['204', '400', '401', '403'],
    };
    for (const [path, statuses] of Object.entries(expected)) {
      expect({ path, statuses: Object.keys(doc.paths[path]?.post?.responses ?? {}) }).toEqual({
        path,
        statuses: expect.arrayContaining(statuses),
      });
    }
    expect(Object.keys(doc.components.schemas.SendOtpResponse.properties).sort()).toEqual([
      'expiresInSeconds',
      'resendAfterSeconds',
    ]);
  });

  describe('POST /v1/auth/otp/send', () => {
    it('202 {expiresInSeconds: 600, resendAfterSeconds: 60}; the SMS holds the code as its only 6-digit number', async () => {
      const phone = newPhone();
      const res = await send(phone);
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ expiresInSeconds: 600, resendAfterSeconds: 60 });
      const [sms] = smsTo(phone); // sent within the request
      expect(Object.keys(sms).sort()).toEqual(['sentAt', 'text', 'to']);
      expect(sms.text.match(/\d{6,}/g)).toHaveLength(1);
    });

    it('a second code within 60 s is 429 OTP_RESEND_TOO_SOON with Retry-After; no second SMS', async () => {
      const phone = newPhone();
      expect((await send(phone)).status).toBe(202);
      const res = await send(phone);
      expectProblem(res, 429, 'OTP_RESEND_TOO_SOON');
      const retryAfter = Number(res.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(smsTo(phone)).toHaveLength(1);
    });

    it('of 10 parallel sends to one number exactly one is accepted', async () => {
      const phone = newPhone();
      const results = await Promise.all(Array.from({ length: 10 }, () => send(phone)));
      expect(results.filter((r) => r.status === 202)).toHaveLength(1);
      for (const r of results.filter((x) => x.status !== 202))
        expectProblem(r, 429, 'OTP_RESEND_TOO_SOON');
      expect(smsTo(phone)).toHaveLength(1);
    });

    it.each([
      ['no plus', '15551234567'],
      ['spaces', '+1 555 123 4567'],
      ['too long', '+1234567890123456'],
      ['letters', '+1555abc4567'],
      ['not a string', 15551234567],
    ])('phone %s → 400 VALIDATION_FAILED on `phone`', async (_case, phone) => {
      const res = await send(phone);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors[0].field).toBe('phone');
    });

    it('unknown fields and a missing phone → 400', async () => {
      expectProblem(
        await app.http.post('/v1/auth/otp/send', { phone: newPhone(), channel: 'voice' }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(await app.http.post('/v1/auth/otp/send', {}), 400, 'VALIDATION_FAILED');
    });
  });

  describe('POST /v1/auth/otp/verify', () => {
    it('the first sign-in creates the user: 200 Tokens, username from the phone, no email, no password', async () => {
      const phone = newPhone();
      await send(phone);
      const res = await verify(phone, await codeFromFile(phone));
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(TOKENS_KEYS);
      expect(res.body.user).toMatchObject({
        phone,
        username: `p${phone.slice(1)}`,
        email: null,
        emailVerified: false,
        role: 'user',
      });
      const me = await app.http.get('/v1/users/me', { token: res.body.accessToken });
      expect(me.status).toBe(200);
      expect(me.body.id).toBe(res.body.user.id);
      const [rows] = await db.query('SELECT password_hash, email FROM users WHERE phone = ?', [
        phone,
      ]);
      expect(rows).toEqual([{ password_hash: null, email: null }]);
      const [sessions] = await db.query('SELECT method FROM sessions WHERE id = ?', [
        uuidToBuffer(res.body.sessionId),
      ]);
      expect(sessions).toEqual([{ method: 'otp' }]);
    });

    it('if the derived username is taken, the new user gets a suffixed one', async () => {
      const phone = newPhone();
      const taken = `p${phone.slice(1)}`;
      const reg = await app.http.post('/v1/users', {
        username: taken,
        email: `${taken}@example.com`,
        password: PASSWORD,
        fullName: 'Squatter',
      });
      expect(reg.status).toBe(201);
      await send(phone);
      const res = await verify(phone, await codeFromFile(phone));
      expect(res.status).toBe(200);
      expect(res.body.user.username).toMatch(new RegExp(`^${taken}_[0-9a-f]{6}$`));
      expect(res.body.user.id).not.toBe(reg.body.id);
    });

    it('a code works once: the second use is 401 OTP_INVALID', async () => {
      const phone = newPhone();
      await send(phone);
      const code = await codeFromFile(phone);
      expect((await verify(phone, code)).status).toBe(200);
      expectProblem(await verify(phone, code), 401, 'OTP_INVALID');
    });

    it('a wrong code is 401 OTP_INVALID; the right one still works after it', async () => {
      const phone = newPhone();
      await send(phone);
      const code = await codeFromFile(phone);
      expectProblem(await verify(phone, wrongCode(code)), 401, 'OTP_INVALID');
      expect((await verify(phone, code)).status).toBe(200);
    });

    it('a number that was never sent a code is 401 OTP_INVALID', async () => {
      expectProblem(await verify(newPhone(), '123456'), 401, 'OTP_INVALID');
    });

    it('30 parallel wrong guesses: exactly 3 × 401 OTP_INVALID, the rest 429 OTP_ATTEMPTS_EXCEEDED; then the right code is dead too', async () => {
      const phone = newPhone();
      await send(phone);
      const code = await codeFromFile(phone);
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) => verify(phone, wrongCode(code, i))),
      );
      const invalid = results.filter((r) => r.status === 401);
      const exceeded = results.filter((r) => r.status === 429);
      expect([invalid.length, exceeded.length]).toEqual([3, 27]);
      for (const r of invalid) expectProblem(r, 401, 'OTP_INVALID');
      for (const r of exceeded) {
        expectProblem(r, 429, 'OTP_ATTEMPTS_EXCEEDED');
        expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      }
      const right = await verify(phone, code);
      expectProblem(right, 429, 'OTP_ATTEMPTS_EXCEEDED');
      const [users] = await db.query('SELECT COUNT(*) AS n FROM users WHERE phone = ?', [phone]);
      expect(Number((users as Array<{ n: number }>)[0].n)).toBe(0);
    });

    it.each([
      ['5 digits', '12345'],
      ['7 digits', '1234567'],
      ['letters', '12a456'],
      ['a number', 123456],
    ])('code of %s → 400 VALIDATION_FAILED on `code` (not a try)', async (_case, code) => {
      const res = await verify(newPhone(), code);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors[0].field).toBe('code');
    });

    it('bad phone, unknown fields → 400', async () => {
      expectProblem(await verify('0049123', '123456'), 400, 'VALIDATION_FAILED');
      expectProblem(
        await app.http.post('/v1/auth/otp/verify', {
          phone: newPhone(),
          code: '123456',
          role: 'admin',
        }),
        400,
        'VALIDATION_FAILED',
      );
    });
  });

  describe('a phone user', () => {
    async function signUp(): Promise<{ phone: string; body: any }> {
      const phone = newPhone();
      await send(phone);
      const res = await verify(phone, await codeFromFile(phone));
      expect(res.status).toBe(200);
      return { phone, body: res.body };
    }

    it('may set a first password without currentPassword right after an OTP sign-in, then sign in with it', async () => {
      const { body } = await signUp();
      const set = await app.http.post(
        '/v1/users/me/password',
        { newPassword: PASSWORD },
        { token: body.accessToken },
      );
      expect(set.status).toBe(204);
      const login = await app.http.post('/v1/auth/login', {
        login: body.user.username,
        password: PASSWORD,
      });
      expect(login.status).toBe(200);
      expect(login.body.user.id).toBe(body.user.id);
      // From now on the current password is required.
      const again = await app.http.post(
        '/v1/users/me/password',
        { newPassword: 'another-pass-7' },
        { token: body.accessToken },
      );
      expectProblem(again, 400, 'VALIDATION_FAILED');
      expect(again.body.errors).toEqual([{ field: 'currentPassword', message: 'is required' }]);
    });

    it('cannot set a first password without currentPassword from an OTP session older than 10 minutes (403)', async () => {
      const { body } = await signUp();
      await db.query(
        'UPDATE sessions SET created_at = DATE_SUB(created_at, INTERVAL 11 MINUTE) WHERE id = ?',
        [uuidToBuffer(body.sessionId)],
      );
      const res = await app.http.post(
        '/v1/users/me/password',
        { newPassword: PASSWORD },
        { token: body.accessToken },
      );
      expectProblem(res, 403, 'FORBIDDEN');
      const [rows] = await db.query('SELECT password_hash FROM users WHERE id = ?', [
        uuidToBuffer(body.user.id),
      ]);
      expect(rows).toEqual([{ password_hash: null }]);
    });

    it('a wrong currentPassword for a password-less account is 401 INVALID_CREDENTIALS', async () => {
      const { body } = await signUp();
      const res = await app.http.post(
        '/v1/users/me/password',
        { currentPassword: 'guess-123', newPassword: PASSWORD },
        { token: body.accessToken },
      );
      expectProblem(res, 401, 'INVALID_CREDENTIALS');
    });

    it('has no email to verify: the resend endpoint is a 202 no-op', async () => {
      const { body } = await signUp();
      const res = await app.http.post('/v1/users/me/email-verification', undefined, {
        token: body.accessToken,
      });
      expect(res.status).toBe(202);
    });
  });
});

describe('OTP with short windows (OTP_TTL_SECONDS=2, OTP_RESEND_SECONDS=1)', () => {
  let app: TestApp;
  let redis: Redis | Cluster;

  beforeAll(async () => {
    app = await startApp({ OTP_TTL_SECONDS: '2', OTP_RESEND_SECONDS: '1' });
    redis = testRedis();
  });
  afterAll(async () => {
    redis?.disconnect();
    await app?.close();
  });

  const send = (phone: string) => app.http.post('/v1/auth/otp/send', { phone });
  const verify = (phone: string, code: string) =>
    app.http.post('/v1/auth/otp/verify', { phone, code });

  it('an expired code is 401 OTP_INVALID', async () => {
    const phone = newPhone();
    expect((await send(phone)).body).toEqual({ expiresInSeconds: 2, resendAfterSeconds: 1 });
    const code = await codeFromFile(phone);
    expect(await redis.exists(`${process.env.REDIS_PREFIX}otp:code:{${phone}}`)).toBe(1);
    await untilRedisDrops(redis, `otp:code:{${phone}}`); // its 2 s are over
    expectProblem(await verify(phone, code), 401, 'OTP_INVALID');
  });

  it('the second sign-in of a phone is the same user', async () => {
    const phone = newPhone();
    await send(phone);
    const first = await verify(phone, await codeFromFile(phone, 1));
    expect(first.status).toBe(200);
    await untilRedisDrops(redis, `otp:resend:{${phone}}`); // the 1 s resend window is over
    expect((await send(phone)).status).toBe(202);
    const second = await verify(phone, await codeFromFile(phone, 2));
    expect(second.status).toBe(200);
    expect(second.body.user.id).toBe(first.body.user.id);
    expect(second.body.sessionId).not.toBe(first.body.sessionId);
  });

  it('a new code replaces the old one and revives a number after too many wrong tries', async () => {
    const phone = newPhone();
    await send(phone);
    const old = await codeFromFile(phone, 1);
    for (let i = 0; i < 3; i++)
      expectProblem(await verify(phone, wrongCode(old, i)), 401, 'OTP_INVALID');
    expectProblem(await verify(phone, old), 429, 'OTP_ATTEMPTS_EXCEEDED');
    await untilRedisDrops(redis, `otp:resend:{${phone}}`);
    expect((await send(phone)).status).toBe(202);
    const fresh = await codeFromFile(phone, 2);
    if (fresh !== old) expectProblem(await verify(phone, old), 401, 'OTP_INVALID');
    expect((await verify(phone, fresh)).status).toBe(200);
  });
});

describe('SMS pumping: hourly quotas on codes sent (per IP, per number prefix, global)', () => {
  // Each app counts in its own Redis prefix, so the other apps of this run don't use its quotas.
  // Ready (Redis connected) before the burst: a send in the first milliseconds could meet a
  // Redis client still connecting (503), which is not what these tests are about.
  const quotaApp = async (env: Record<string, string | undefined>) => {
    const app = await startApp({
      REDIS_PREFIX: `${process.env.REDIS_PREFIX}otp-quota-${randomInt(1e9)}:`,
      ...env,
    });
    await eventually(
      async () => ((await app.http.get('/health/ready')).status === 200 ? true : undefined),
      10_000,
      'ready',
    );
    return app;
  };
  const sendFrom = (app: TestApp, ip: string, phone: string) =>
    app.http.post('/v1/auth/otp/send', { phone }, { headers: { 'x-forwarded-for': ip } });
  const sentTo = (phones: string[]) =>
    readJsonl<SmsLine>('sms.jsonl').filter((m) => phones.includes(m.to)).length;
  const statuses = (answers: Array<{ status: number; body: { code?: string } }>) => {
    const out: Record<string, number> = {};
    for (const a of answers) {
      const key = a.status === 202 ? '202' : `${a.status} ${a.body.code}`;
      out[key] = (out[key] ?? 0) + 1;
    }
    return out;
  };
  const expectRetryAfterWithinTheHour = (answers: Array<{ status: number; headers: Headers }>) => {
    for (const a of answers.filter((r) => r.status === 429)) {
      const seconds = Number(a.headers.get('retry-after'));
      expect(seconds).toBeGreaterThan(3500);
      expect(seconds).toBeLessThanOrEqual(3600);
    }
  };
  /** A number of `prefix` (digits after the +) followed by random digits, 11 digits in all. */
  const numberOf = (prefix: string) =>
    `+${prefix}${String(randomInt(0, 10 ** (11 - prefix.length))).padStart(11 - prefix.length, '0')}`;
  const distinct = (n: number, make: () => string) => {
    const set = new Set<string>();
    while (set.size < n) set.add(make());
    return [...set];
  };

  it('50 anonymous sends to 50 numbers from one IP (default quota 20/hour): 20 SMS go out, 30 × 429 RATE_LIMITED with Retry-After; other IPs are not affected', async () => {
    // The defaults (what a deployment gets without setting anything), not the suite's overrides.
    const app = await quotaApp({
      TRUST_PROXY: 'true',
      OTP_SEND_MAX_PER_IP_PER_HOUR: undefined,
      OTP_SEND_MAX_PER_PREFIX_PER_HOUR: undefined,
      OTP_SEND_MAX_PER_HOUR: undefined,
    });
    try {
      const phones = distinct(50, () => numberOf(`1${randomInt(200, 999)}`));
      const answers = await Promise.all(phones.map((p) => sendFrom(app, '198.51.100.7', p)));
      expect(statuses(answers)).toEqual({ '202': 20, '429 RATE_LIMITED': 30 });
      for (const a of answers.filter((r) => r.status === 429))
        expectProblem(a, 429, 'RATE_LIMITED');
      expectRetryAfterWithinTheHour(answers);
      expect(sentTo(phones)).toBe(20);

      // Another client still gets codes; an IPv6 client counts per /64, not per address.
      const other = numberOf('1444');
      expect((await sendFrom(app, '198.51.100.8', other)).status).toBe(202);
      const v6phones = distinct(21, () => numberOf(`1${randomInt(200, 999)}`));
      const v6 = [];
      for (const [i, p] of v6phones.entries())
        v6.push(await sendFrom(app, `2001:db8:7:7::${(i + 1).toString(16)}`, p));
      expect(statuses(v6)).toEqual({ '202': 20, '429 RATE_LIMITED': 1 });
      expect(sentTo([other, ...v6phones])).toBe(21);
    } finally {
      await app.close();
    }
  });

  it('a send refused as OTP_RESEND_TOO_SOON costs no quota', async () => {
    const app = await quotaApp({ TRUST_PROXY: 'true', OTP_SEND_MAX_PER_IP_PER_HOUR: '3' });
    try {
      const [a, b, c, d] = distinct(4, () => numberOf('1777'));
      expect((await sendFrom(app, '198.51.100.9', a)).status).toBe(202);
      expectProblem(await sendFrom(app, '198.51.100.9', a), 429, 'OTP_RESEND_TOO_SOON');
      expect((await sendFrom(app, '198.51.100.9', b)).status).toBe(202);
      expect((await sendFrom(app, '198.51.100.9', c)).status).toBe(202);
      expectProblem(await sendFrom(app, '198.51.100.9', d), 429, 'RATE_LIMITED');
      expect(sentTo([a, b, c, d])).toBe(3);
    } finally {
      await app.close();
    }
  });

  it('per number prefix (OTP_SEND_MAX_PER_PREFIX_PER_HOUR=5, first 7 digits): 12 numbers of one range from 12 IPs → 5 SMS; other ranges go on', async () => {
    const app = await quotaApp({
      TRUST_PROXY: 'true',
      OTP_SEND_MAX_PER_PREFIX_PER_HOUR: '5',
      OTP_SEND_PREFIX_DIGITS: '7',
    });
    try {
      const range = `1${randomInt(200, 999)}${randomInt(100, 999)}`;
      const phones = distinct(12, () => numberOf(range));
      const answers = await Promise.all(
        phones.map((p, i) => sendFrom(app, `203.0.113.${i + 1}`, p)),
      );
      expect(statuses(answers)).toEqual({ '202': 5, '429 RATE_LIMITED': 7 });
      expectRetryAfterWithinTheHour(answers);
      expect(sentTo(phones)).toBe(5);
      const elsewhere = numberOf(`${range.slice(0, 6)}${(Number(range[6]) + 1) % 10}`);
      expect((await sendFrom(app, '203.0.113.99', elsewhere)).status).toBe(202);
      expect(sentTo([elsewhere])).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('the global budget (OTP_SEND_MAX_PER_HOUR=8): 20 sends from 20 IPs to 20 ranges → 8 SMS, then 429 for everyone', async () => {
    const app = await quotaApp({ TRUST_PROXY: 'true', OTP_SEND_MAX_PER_HOUR: '8' });
    try {
      const phones = distinct(20, () => numberOf(`1${randomInt(200, 999)}${randomInt(100, 999)}`));
      const answers = await Promise.all(phones.map((p, i) => sendFrom(app, `192.0.2.${i + 1}`, p)));
      expect(statuses(answers)).toEqual({ '202': 8, '429 RATE_LIMITED': 12 });
      expectRetryAfterWithinTheHour(answers);
      expect(sentTo(phones)).toBe(8);
      const late = numberOf('1888');
      expectProblem(await sendFrom(app, '192.0.2.200', late), 429, 'RATE_LIMITED');
      expect(sentTo([late])).toBe(0);
    } finally {
      await app.close();
    }
  });
});

describe('OTP while Redis is down', () => {
  let redis: RedisServer;
  let app: TestApp;

  beforeAll(async () => {
    redis = await RedisServer.start();
    app = await startApp({ REDIS_URL: redis.url, REDIS_CLUSTER_NODES: undefined });
  });
  afterAll(async () => {
    await app?.close();
    await redis?.stop();
  });

  it('send and verify answer 503 DEPENDENCY_UNAVAILABLE with Retry-After (codes live only in Redis), and recover', async () => {
    const phone = newPhone();
    await redis.stop();
    const sent = await app.http.post('/v1/auth/otp/send', { phone });
    expectProblem(sent, 503, 'DEPENDENCY_UNAVAILABLE');
    expect(Number(sent.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expectProblem(
      await app.http.post('/v1/auth/otp/verify', { phone, code: '123456' }),
      503,
      'DEPENDENCY_UNAVAILABLE',
    );
    expect(smsTo(phone)).toHaveLength(0);

    await redis.resume();
    const res = await eventually(
      async () => {
        const r = await app.http.post('/v1/auth/otp/send', { phone });
        return r.status === 202 ? r : undefined;
      },
      15_000,
      'OTP send after Redis is back',
    );
    expect(res.status).toBe(202);
    expect(
      (await app.http.post('/v1/auth/otp/verify', { phone, code: await codeFromFile(phone) }))
        .status,
    ).toBe(200);
  });
});

describe('SMS provider chain over HTTP (fake gateways on local sockets)', () => {
  let g1: FakeSmsGateway;
  let g2: FakeSmsGateway;
  let app: TestApp;
  let db: Connection;
  /** The app's JSON log lines (stdout) since it started. */
  let appLog = '';

  /**
   * http1's rate limit (1/s, a burst of 1) is a token bucket inside the app: a token is taken
   * right before each request http1 receives and is back a second later. Waits for that.
   */
  const http1TokenBack = () =>
    eventually(
      async () => {
        const last = g1.received.at(-1);
        return !last || Date.now() - last.at >= 1_050 ? true : undefined;
      },
      5_000,
      'a token back in the http1 bucket',
    );

  /** Waits for the app to log http1's circuit entering `state`, after log position `since`. */
  const http1Circuit = (state: 'open' | 'halfOpen' | 'closed', since: number) =>
    eventually(
      async () => {
        const lines = appLog
          .slice(since)
          .split('\n')
          .filter((l) => l.includes('SMS provider circuit changed state'))
          .map((l) => JSON.parse(l) as { provider: string; state: string })
          .filter((l) => l.provider === 'http1' && l.state === state);
        return lines.length > 0 ? true : undefined;
      },
      10_000,
      `http1 circuit ${state}`,
    );

  beforeAll(async () => {
    g1 = await FakeSmsGateway.start();
    g2 = await FakeSmsGateway.start();
    app = await startApp({
      SMS_PROVIDERS: 'http1,http2',
      SMS_HTTP1_URL: g1.url,
      SMS_HTTP1_TOKEN: 'token-one',
      SMS_HTTP1_TIMEOUT_MS: '400',
      SMS_HTTP1_RATE_PER_SECOND: '1',
      SMS_HTTP2_URL: g2.url,
      SMS_HTTP2_TOKEN: 'token-two',
      SMS_HTTP2_BODY_TEMPLATE: '{"recipient":"{{to}}","message":{"body":"{{text}}"}}',
      SMS_HTTP2_TIMEOUT_MS: '400',
      SMS_BREAKER_VOLUME_THRESHOLD: '2',
      SMS_BREAKER_RESET_MS: '4000',
      QUEUE_BACKOFF_MS: '200',
    });
    app.process.stdout!.on('data', (d: Buffer) => (appLog += d.toString()));
    db = await connectDb();
  });
  afterAll(async () => {
    await db?.end();
    await app?.close();
    await Promise.all([g1?.close(), g2?.close()]);
  });

  beforeEach(() => {
    g1.mode = 'ok';
    g2.mode = 'ok';
  });

  const send = (phone: string) => app.http.post('/v1/auth/otp/send', { phone });
  const verify = (phone: string, code: string) =>
    app.http.post('/v1/auth/otp/verify', { phone, code });

  it('the first provider sends it: its bearer token and body template; the code signs in', async () => {
    const phone = newPhone();
    expect((await send(phone)).status).toBe(202);
    const [req] = g1.to(phone);
    expect(req.authorization).toBe('Bearer token-one');
    expect(Object.keys(req.body).sort()).toEqual(['text', 'to']);
    expect((await verify(phone, codeIn(req.body.text))).status).toBe(200);
    expect(g2.received).toHaveLength(0);
  });

  it('over the first provider’s rate limit (1/s) the next provider takes the message', async () => {
    await http1TokenBack(); // a full bucket
    const phones = [newPhone(), newPhone(), newPhone()];
    const results = await Promise.all(phones.map(send));
    expect(results.map((r) => r.status)).toEqual([202, 202, 202]);
    const viaG1 = phones.filter((p) => g1.to(p).length > 0);
    const viaG2 = phones.filter((p) => g2.received.some((r) => r.body.recipient === p));
    expect(viaG1).toHaveLength(1);
    expect(viaG2.sort()).toEqual(phones.filter((p) => !viaG1.includes(p)).sort());
    expect(g2.received[0].authorization).toBe('Bearer token-two');
  });

  it('a hanging provider times out and the next one sends it, within the request', async () => {
    await http1TokenBack();
    g1.mode = 'hang';
    const phone = newPhone();
    const started = Date.now();
    expect((await send(phone)).status).toBe(202);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(g1.to(phone)).toHaveLength(1);
    const delivered = g2.received.find((r) => r.body.recipient === phone);
    expect(delivered).toBeDefined();
    expect((await verify(phone, codeIn(delivered!.body.message.body))).status).toBe(200);
  });

  it('a failing provider’s circuit opens (no more calls to it), then half-opens and closes once it recovers', async () => {
    g1.mode = 'fail';
    const since = appLog.length;
    const phones: string[] = [];
    for (let i = 0; i < 4; i++) {
      await http1TokenBack(); // stay under the rate limit: only the breaker decides
      const phone = newPhone();
      phones.push(phone);
      expect((await send(phone)).status).toBe(202);
      expect(g2.received.some((r) => r.body.recipient === phone)).toBe(true);
    }
    // Open after at most two failures (volume threshold 2); then http1 is skipped without a
    // request, for SMS_BREAKER_RESET_MS (4 s, longer than these sends take).
    expect(g1.to(phones[2])).toHaveLength(0);
    expect(g1.to(phones[3])).toHaveLength(0);
    await http1Circuit('open', since);

    g1.mode = 'ok';
    await http1Circuit('halfOpen', since); // SMS_BREAKER_RESET_MS after opening
    const phone = newPhone();
    expect((await send(phone)).status).toBe(202);
    expect(g1.to(phone)).toEqual([expect.objectContaining({ accepted: true })]);
    expect(g2.received.some((r) => r.body.recipient === phone)).toBe(false);
    await http1Circuit('closed', since);
  });

  it('when every provider is down the answer is still 202; the SMS is deferred to the outbox and delivered once one recovers', async () => {
    g1.mode = 'fail';
    g2.mode = 'fail';
    const phone = newPhone();
    expect((await send(phone)).status).toBe(202);
    const [rows] = await db.query(
      "SELECT payload FROM outbox WHERE type = 'identity.sms-deferred' AND payload LIKE ?",
      [`%${phone}%`],
    );
    expect(rows as unknown[]).toHaveLength(1);
    const { payload } = (rows as Array<{ payload: unknown }>)[0];
    const row = typeof payload === 'string' ? JSON.parse(payload) : payload;
    expect(Object.keys(row).sort()).toEqual(['expiresAt', 'sealedText', 'to']);

    g2.mode = 'ok';
    const delivered = await eventually(
      async () => g2.received.find((r) => r.body.recipient === phone && r.accepted),
      30_000,
      'the deferred SMS at gateway 2',
    );
    const code = codeIn(delivered.body.message.body);
    // The code never sat readable in the outbox (nor in the queue job made from it).
    expect(JSON.stringify(row)).not.toContain(code);
    expect((await verify(phone, code)).status).toBe(200);
  });
});
