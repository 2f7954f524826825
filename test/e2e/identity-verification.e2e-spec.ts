import { createHash } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import type { Connection } from 'mysql2/promise';
import { EMAIL_VERIFICATION_REQUESTED } from '@domain/identity/events/email-verification-requested.event';
import { startApp, TestApp } from '../support/app';
import { connectDb, uuidToBuffer } from '../support/db';
import {
  expectProblem,
  PASSWORD,
  registerAndLogin,
  RegisteredUser,
  uniqueName,
  USER_KEYS,
} from '../support/factories';
import { eventually, OutboxMail, readJsonl, waitForMail } from '../support/outbox';
import { untilEventsHandled, untilRedisKeyGone } from '../support/wait';
import { testRedis } from '../support/redis';

/**
 * Email verification (API.md "Identity"): registration mails a single-use link (async, through
 * the outbox), `POST /v1/email-verifications/confirm` proves the address, and
 * `POST /v1/users/me/email-verification` sends a new link, rate limited per user.
 */

const LINK = /^(\S+)\/verify-email\?token=([A-Za-z0-9_-]+)$/m;

function mailsTo(email: string): OutboxMail[] {
  return readJsonl<OutboxMail>('email.jsonl').filter((m) => m.to === email);
}

/**
 * Waits until `email` has received `count` mails and returns the token of the newest, once the
 * link works: the subscriber mails before it commits the token row (one extra mail rather than a
 * lost one if the commit fails), so the mail alone doesn't mean the row is there yet.
 */
async function tokenFromMail(db: Connection, email: string, count = 1): Promise<string> {
  const mails = await eventually(
    async () => {
      const all = mailsTo(email);
      return all.length >= count ? all : undefined;
    },
    15_000,
    `${count} mail(s) to ${email}`,
  );
  const match = LINK.exec(mails[count - 1].text);
  if (!match) throw new Error(`no verification link in: ${mails[count - 1].text}`);
  const token = match[2];
  await eventually(
    async () => {
      const [rows] = await db.query(
        'SELECT COUNT(*) AS n FROM email_verification_tokens WHERE token_hash = ?',
        [sha256(token)],
      );
      return Number((rows as Array<{ n: number }>)[0].n) === 1 ? true : undefined;
    },
    15_000,
    `the token row of the mail to ${email}`,
  );
  return token;
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Mail goes out only from a handled email-verification-requested event: once every such event of
 * the user is handled, its mails are all in the outbox and no further one can come. Returns the
 * number of those events (registration's plus each accepted request).
 */
const verificationRequestsHandled = (db: Connection, userId: string) =>
  untilEventsHandled(db, userId, EMAIL_VERIFICATION_REQUESTED, 'identity.send-verification-email');

describe('email verification (API.md Identity)', () => {
  let app: TestApp;
  let db: Connection;

  beforeAll(async () => {
    app = await startApp({ PUBLIC_URL: 'https://atrium.example' });
    db = await connectDb();
  });
  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  const confirm = (token: unknown) => app.http.post('/v1/email-verifications/confirm', { token });

  describe('registration', () => {
    it('mails a link <PUBLIC_URL>/verify-email?token=… to the new address', async () => {
      const u = await registerAndLogin(app.http);
      const mail = await waitForMail(u.email);
      expect(mail).toEqual({
        to: u.email,
        subject: expect.any(String),
        text: expect.any(String),
        sentAt: expect.any(String),
      });
      const [, base, token] = LINK.exec(mail.text)!;
      expect(base).toBe('https://atrium.example');
      expect(token.length).toBeGreaterThanOrEqual(43); // 256 random bits
    });

    it('records the request in the outbox in the registration transaction, without any token', async () => {
      const u = await registerAndLogin(app.http);
      const [rows] = await db.query('SELECT type, payload FROM outbox WHERE aggregate_id = ?', [
        uuidToBuffer(u.id),
      ]);
      const events = (rows as Array<{ type: string; payload: unknown }>).map((r) => ({
        type: r.type,
        payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
      }));
      expect(events).toEqual([
        {
          type: 'identity.email-verification-requested',
          payload: { userId: u.id, email: u.email },
        },
      ]);
    });

    it('stores only the SHA-256 of the token, valid for 24 h', async () => {
      const u = await registerAndLogin(app.http);
      const token = await tokenFromMail(db, u.email);
      const [rows] = await db.query(
        'SELECT token_hash, email, TIMESTAMPDIFF(SECOND, created_at, expires_at) AS ttl FROM email_verification_tokens WHERE user_id = ?',
        [uuidToBuffer(u.id)],
      );
      const list = rows as Array<{ token_hash: Buffer; email: string; ttl: number }>;
      expect(list).toHaveLength(1);
      expect(list[0].token_hash.equals(sha256(token))).toBe(true);
      expect(list[0].email).toBe(u.email);
      expect(Number(list[0].ttl)).toBe(86_400);
      const [all] = await db.query(
        'SELECT COUNT(*) AS n FROM email_verification_tokens WHERE token_hash = ?',
        [Buffer.from(token)],
      );
      expect(Number((all as Array<{ n: number }>)[0].n)).toBe(0);
    });
  });

  describe('POST /v1/email-verifications/confirm', () => {
    it('verifies the address: 200 User with emailVerified true, visible on /users/me', async () => {
      const u = await registerAndLogin(app.http);
      const res = await confirm(await tokenFromMail(db, u.email));
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(USER_KEYS);
      expect(res.body).toMatchObject({ id: u.id, email: u.email, emailVerified: true });
      const me = await app.http.get('/v1/users/me', { token: u.accessToken });
      expect(me.body.emailVerified).toBe(true);
    });

    it('a token works once: the second use is 400 VALIDATION_FAILED on `token`', async () => {
      const u = await registerAndLogin(app.http);
      const token = await tokenFromMail(db, u.email);
      expect((await confirm(token)).status).toBe(200);
      const again = await confirm(token);
      expectProblem(again, 400, 'VALIDATION_FAILED');
      expect(again.body.errors).toEqual([
        { field: 'token', message: expect.stringMatching(/invalid, expired or already used/) },
      ]);
    });

    it('of 10 parallel confirmations with one token exactly one succeeds', async () => {
      const u = await registerAndLogin(app.http);
      const token = await tokenFromMail(db, u.email);
      const results = await Promise.all(Array.from({ length: 10 }, () => confirm(token)));
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      for (const r of results.filter((x) => x.status !== 200))
        expectProblem(r, 400, 'VALIDATION_FAILED');
      const [rows] = await db.query(
        'SELECT used_at FROM email_verification_tokens WHERE token_hash = ?',
        [sha256(token)],
      );
      expect((rows as Array<{ used_at: Date | null }>)[0].used_at).not.toBeNull();
    });

    it('an unknown token is 400 on `token`, and nothing changes', async () => {
      const u = await registerAndLogin(app.http);
      await tokenFromMail(db, u.email);
      const res = await confirm('A'.repeat(43));
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors[0].field).toBe('token');
      expect(
        (await app.http.get('/v1/users/me', { token: u.accessToken })).body.emailVerified,
      ).toBe(false);
    });

    it.each([
      ['missing token', {}],
      ['empty token', { token: '' }],
      ['token not a string', { token: 12345 }],
      ['unknown field', { token: 'abc', userId: 'x' }],
    ])('%s → 400 VALIDATION_FAILED', async (_case, body) => {
      expectProblem(
        await app.http.post('/v1/email-verifications/confirm', body),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('is public (no token needed) and a non-JSON body is 415', async () => {
      const res = await app.http.post('/v1/email-verifications/confirm', undefined, {
        raw: 'token=abc',
        headers: { 'content-type': 'text/plain' },
      });
      expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    });
  });

  describe('POST /v1/users/me/email-verification', () => {
    const resend = (u: RegisteredUser) =>
      app.http.post('/v1/users/me/email-verification', undefined, { token: u.accessToken });

    it('needs authentication', async () => {
      expectProblem(await app.http.post('/v1/users/me/email-verification'), 401, 'UNAUTHENTICATED');
    });

    it('202 and a new link arrives; both links work until one is used, then the other is retired', async () => {
      const u = await registerAndLogin(app.http);
      const first = await tokenFromMail(db, u.email, 1);
      const res = await resend(u);
      expect(res.status).toBe(202);
      const second = await tokenFromMail(db, u.email, 2);
      expect(second).not.toBe(first);
      expect((await confirm(second)).status).toBe(200);
      expectProblem(await confirm(first), 400, 'VALIDATION_FAILED');
    });

    it('a second request within 60 s is 429 RATE_LIMITED with Retry-After, and sends nothing', async () => {
      const u = await registerAndLogin(app.http);
      await tokenFromMail(db, u.email, 1);
      expect((await resend(u)).status).toBe(202);
      await tokenFromMail(db, u.email, 2);
      const res = await resend(u);
      expectProblem(res, 429, 'RATE_LIMITED');
      const retryAfter = Number(res.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      // The refused request answered after its transaction: had it queued a mail, its event
      // would be counted here.
      expect(await verificationRequestsHandled(db, u.id)).toBe(2);
      expect(mailsTo(u.email)).toHaveLength(2);
    });

    it('of 10 parallel requests exactly one is accepted', async () => {
      const u = await registerAndLogin(app.http);
      const results = await Promise.all(Array.from({ length: 10 }, () => resend(u)));
      expect(results.filter((r) => r.status === 202)).toHaveLength(1);
      for (const r of results.filter((x) => x.status !== 202))
        expectProblem(r, 429, 'RATE_LIMITED');
    });

    it('an already verified address: 202 and no mail (nothing to verify), not rate limited', async () => {
      const u = await registerAndLogin(app.http);
      expect((await confirm(await tokenFromMail(db, u.email))).status).toBe(200);
      for (let i = 0; i < 3; i++) expect((await resend(u)).status).toBe(202);
      expect(await verificationRequestsHandled(db, u.id)).toBe(1);
      expect(mailsTo(u.email)).toHaveLength(1);
    });
  });
});

// A separate top-level block: its app starts after the first one stopped. Two live apps on one
// database would share the outbox and queue, and either's worker could mail the other's links.
describe('email verification with short limits (EMAIL_VERIFICATION_TTL_SECONDS=2, 1 s resend window, 2 per hour)', () => {
  let short: TestApp;
  let db: Connection;
  let redis: Redis | Cluster;

  beforeAll(async () => {
    short = await startApp({
      EMAIL_VERIFICATION_TTL_SECONDS: '2',
      EMAIL_VERIFICATION_RESEND_SECONDS: '1',
      EMAIL_VERIFICATION_MAX_PER_HOUR: '2',
    });
    db = await connectDb();
    redis = testRedis();
  });
  afterAll(async () => {
    redis?.disconnect();
    await db?.end();
    await short?.close();
  });

  /** The 1 s window after an accepted request is over (its Redis marker expired). */
  const resendWindowOver = (u: RegisteredUser) =>
    untilRedisKeyGone(redis, `${process.env.REDIS_PREFIX}email-verification:last:{${u.id}}`);

  it('an expired token is rejected and leaves the address unverified', async () => {
    const u = await registerAndLogin(short.http);
    const token = await tokenFromMail(db, u.email);
    // Until the stored expiry is past (UTC, as the app writes it; app and database share this
    // machine's clock). Confirming earlier would use the still-valid token up.
    await eventually(
      async () => {
        const [rows] = await db.query(
          'SELECT expires_at <= UTC_TIMESTAMP(3) AS expired FROM email_verification_tokens WHERE user_id = ?',
          [uuidToBuffer(u.id)],
        );
        return Number((rows as Array<{ expired: number }>)[0]?.expired) === 1 ? true : undefined;
      },
      10_000,
      'the token expired',
    );
    const res = await short.http.post('/v1/email-verifications/confirm', { token });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors[0].field).toBe('token');
    expect(
      (await short.http.get('/v1/users/me', { token: u.accessToken })).body.emailVerified,
    ).toBe(false);
  });

  it('at most EMAIL_VERIFICATION_MAX_PER_HOUR requests per hour', async () => {
    const u = await registerAndLogin(short.http, {
      username: uniqueName('hr'),
      password: PASSWORD,
    });
    const send = () =>
      short.http.post('/v1/users/me/email-verification', undefined, { token: u.accessToken });
    expect((await send()).status).toBe(202);
    await resendWindowOver(u);
    expect((await send()).status).toBe(202);
    // Past the short window too, so only the hourly limit can refuse the third.
    await resendWindowOver(u);
    const third = await send();
    expectProblem(third, 429, 'RATE_LIMITED');
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(3000);
    await tokenFromMail(db, u.email, 3); // registration + the two accepted ones
  });
});
