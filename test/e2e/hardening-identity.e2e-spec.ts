import { randomInt } from 'node:crypto';
import { HttpClient, HttpResponse, startApp, TestApp } from '../support/app';
import { expectProblem, PASSWORD, registerAndLogin, uniqueName } from '../support/factories';
import { eventually, readJsonl, waitForMail } from '../support/outbox';

/**
 * Issue 11 hardening of identity: logins match exactly (apart from ASCII case) and the lockout
 * counts per account however the login is spelled (finding 3); a wrong currentPassword counts
 * like a failed login, /v1 answers are `Cache-Control: no-store`, and user text stays out of
 * mail (finding 7).
 */

const ADMIN_PASSWORD = 'admin-pass-123';
const PUBLIC_URL = 'https://atrium.example';

function login(http: HttpClient, name: string, password: string) {
  return http.post('/v1/auth/login', { login: name, password });
}

/** Replaces the first ASCII letter `letter` of `s` with `accented`. */
function accent(s: string, letter: string, accented: string): string {
  const i = s.indexOf(letter);
  if (i < 0) throw new Error(`no ${letter} in ${s}`);
  return s.slice(0, i) + accented + s.slice(i + 1);
}

describe('identity hardening (issue 11)', () => {
  const adminName = `admin_${uniqueName('h').slice(2)}`;
  const adminEmail = `${adminName}@atrium.test`;
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({ ADMIN_EMAIL: adminEmail, ADMIN_PASSWORD, PUBLIC_URL });
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('finding 3: exact logins, lockout per account', () => {
    it('accented spellings of a username or email never sign in, even with the right password', async () => {
      const u = await registerAndLogin(t.http, { username: `target2_${uniqueName('x').slice(2)}` });
      for (const variant of [
        accent(u.username, 'a', 'á'),
        accent(u.username, 'a', 'â'),
        accent(u.username, 'e', 'é'),
        u.username.replace('a', 'a\u0301'), // combining accent
        accent(u.email, 'a', 'á'),
      ]) {
        expectProblem(await login(t.http, variant, u.password), 401, 'INVALID_CREDENTIALS');
      }
      // case alone is not a different login (usernames and emails are stored lower-case)
      const upper = await login(t.http, u.username.toUpperCase(), u.password);
      expect(upper.status).toBe(200);
      expect(upper.body.user.id).toBe(u.id);
    });

    it('ádmin@… style variants of the admin email do not sign in as the admin (4 tries: a 5th would lock it)', async () => {
      for (const variant of [
        accent(adminEmail, 'a', 'á'),
        accent(adminEmail, 'a', 'à'),
        accent(adminEmail, 'i', 'í'),
        adminEmail.replace('atrium', 'atríum'),
      ]) {
        expectProblem(await login(t.http, variant, ADMIN_PASSWORD), 401, 'INVALID_CREDENTIALS');
      }
      const real = await login(t.http, adminEmail.toUpperCase(), ADMIN_PASSWORD);
      expect(real.status).toBe(200);
      expect(real.body.user.role).toBe('admin');
    });

    it('after target2 is locked, guesses as tárget2, TARGET2, targét2, its email… get 429; târget2 with the right password does not sign in', async () => {
      const u = await registerAndLogin(t.http, { username: `target2_${uniqueName('x').slice(2)}` });
      for (let i = 0; i < 5; i++)
        expectProblem(await login(t.http, u.username, `wrong-${i}`), 401, 'INVALID_CREDENTIALS');

      for (const variant of [
        accent(u.username, 'a', 'á'),
        u.username.toUpperCase(),
        accent(u.username, 'e', 'é'),
        accent(u.username, 'a', 'â'),
        u.email,
        u.email.toUpperCase(),
      ]) {
        for (const password of ['wrong-again', u.password]) {
          const res = await login(t.http, variant, password);
          expectProblem(res, 429, 'RATE_LIMITED');
          expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        }
      }
    });

    it('failures count per account: spread over username, email and spellings, the 6th attempt is refused', async () => {
      const u = await registerAndLogin(t.http);
      const spellings = [
        u.username,
        u.email,
        u.username.toUpperCase(),
        u.email.toUpperCase(),
        ` ${u.username} `,
      ];
      for (const s of spellings)
        expectProblem(await login(t.http, s, 'wrong-password-1'), 401, 'INVALID_CREDENTIALS');
      expectProblem(await login(t.http, u.username, u.password), 429, 'RATE_LIMITED');
      expectProblem(await login(t.http, u.email, u.password), 429, 'RATE_LIMITED');
    });

    it('accented guesses count against the same name: 5 as tárget2 lock target2', async () => {
      const u = await registerAndLogin(t.http, { username: `target2_${uniqueName('x').slice(2)}` });
      const variants = ['á', 'à', 'â', 'ä', 'å'].map((a) => accent(u.username, 'a', a));
      for (const v of variants)
        expectProblem(await login(t.http, v, 'wrong-password-1'), 401, 'INVALID_CREDENTIALS');
      expectProblem(await login(t.http, u.username, u.password), 429, 'RATE_LIMITED');
    });

    it('unknown names are limited like known ones (no difference reveals which exist)', async () => {
      const known = await registerAndLogin(t.http);
      const unknown = uniqueName('nobody');
      for (const name of [known.username, unknown]) {
        const statuses: number[] = [];
        for (let i = 0; i < 7; i++) statuses.push((await login(t.http, name, `wrong-${i}`)).status);
        expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
      }
    });

    it('usernames and emails with accents cannot be registered; an email differing only in case is taken', async () => {
      const u = await registerAndLogin(t.http);
      const body = (over: Record<string, string>) => ({
        username: uniqueName('r'),
        email: `${uniqueName('r')}@example.com`,
        password: PASSWORD,
        fullName: 'Someone',
        ...over,
      });
      expectProblem(
        await t.http.post('/v1/users', body({ username: accent(u.username, 'u', 'ú') })),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await t.http.post('/v1/users', body({ email: accent(u.email, 'u', 'ú') })),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await t.http.post('/v1/users', body({ email: u.email.toUpperCase() })),
        409,
        'EMAIL_TAKEN',
      );
    });
  });

  describe('finding 7: password change throttled like logins', () => {
    function changePassword(u: { accessToken: string }, currentPassword: string) {
      return t.http.post(
        '/v1/users/me/password',
        { currentPassword, newPassword: 'brand-new-pass-77' },
        { token: u.accessToken },
      );
    }

    it('5 wrong currentPassword → 401 each; then 429 RATE_LIMITED with Retry-After, even with the right one, and sign-in is locked too', async () => {
      const u = await registerAndLogin(t.http);
      for (let i = 0; i < 5; i++)
        expectProblem(await changePassword(u, `wrong-${i}`), 401, 'INVALID_CREDENTIALS');
      for (const current of ['wrong-again', u.password]) {
        const res = await changePassword(u, current);
        expectProblem(res, 429, 'RATE_LIMITED');
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(900);
      }
      // the same counter as sign-in: the stolen token has used up the account's tries
      expectProblem(await login(t.http, u.username, u.password), 429, 'RATE_LIMITED');
      // and the password did not change
      expect((await t.http.get('/v1/users/me', { token: u.accessToken })).status).toBe(200);
    });

    it('failed logins count against password changes: 4 failed logins + 1 wrong currentPassword → the next change is 429', async () => {
      const u = await registerAndLogin(t.http);
      for (let i = 0; i < 4; i++)
        expectProblem(await login(t.http, u.email, `wrong-${i}`), 401, 'INVALID_CREDENTIALS');
      expectProblem(await changePassword(u, 'wrong-4'), 401, 'INVALID_CREDENTIALS');
      expectProblem(await changePassword(u, u.password), 429, 'RATE_LIMITED');
    });

    it('20 parallel wrong guesses with one stolen token → at most 5 evaluated', async () => {
      const u = await registerAndLogin(t.http);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => changePassword(u, `wrong-${i}`)),
      );
      const evaluated = results.filter((r) => r.status !== 429);
      for (const r of evaluated) expectProblem(r, 401, 'INVALID_CREDENTIALS');
      for (const r of results.filter((x) => x.status === 429))
        expectProblem(r, 429, 'RATE_LIMITED');
      expect(evaluated.length).toBeLessThanOrEqual(5);
    });

    it('a successful change resets the count', async () => {
      const u = await registerAndLogin(t.http);
      for (let i = 0; i < 4; i++)
        expectProblem(await changePassword(u, `wrong-${i}`), 401, 'INVALID_CREDENTIALS');
      expect((await changePassword(u, u.password)).status).toBe(204);
      for (let i = 0; i < 4; i++)
        expectProblem(await login(t.http, u.username, `wrong-${i}`), 401, 'INVALID_CREDENTIALS');
      expect((await login(t.http, u.username, 'brand-new-pass-77')).status).toBe(200);
    });
  });

  describe('finding 7: Cache-Control: no-store on /v1', () => {
    function expectNoStore(res: HttpResponse, what: string): void {
      expect({ what, cacheControl: res.headers.get('cache-control') }).toEqual({
        what,
        cacheControl: 'no-store',
      });
    }

    it('answers carrying tokens or personal data, and errors, are no-store; health is untouched', async () => {
      const username = uniqueName('cc');
      const register = await t.http.post('/v1/users', {
        username,
        email: `${username}@example.com`,
        password: PASSWORD,
        fullName: 'Cache Control',
      });
      expect(register.status).toBe(201);
      expectNoStore(register, 'register');

      const signIn = await login(t.http, username, PASSWORD);
      expect(signIn.status).toBe(200);
      expectNoStore(signIn, 'login');
      const token = signIn.body.accessToken as string;

      const refresh = await t.http.post('/v1/auth/refresh', {
        refreshToken: signIn.body.refreshToken,
      });
      expect(refresh.status).toBe(200);
      expectNoStore(refresh, 'refresh');

      const me = await t.http.get('/v1/users/me', { token });
      expect(me.status).toBe(200);
      expectNoStore(me, 'GET /v1/users/me');

      const patched = await t.http.patch('/v1/users/me', { nickname: 'cc' }, { token });
      expect(patched.status).toBe(200);
      expectNoStore(patched, 'PATCH /v1/users/me');

      const sessions = await t.http.get('/v1/auth/sessions', { token });
      expect(sessions.status).toBe(200);
      expectNoStore(sessions, 'sessions');

      const accounts = await t.http.get('/v1/accounts', { token });
      expect(accounts.status).toBe(200);
      expectNoStore(accounts, 'accounts');

      const phone = `+1555${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
      const sent = await t.http.post('/v1/auth/otp/send', { phone });
      expect(sent.status).toBe(202);
      expectNoStore(sent, 'otp send');
      const sms = await eventually(
        async () =>
          readJsonl<{ to: string; text: string }>('sms.jsonl').find((m) => m.to === phone),
        10_000,
        `SMS to ${phone}`,
      );
      const code = /\b\d{6}\b/.exec(sms.text)![0];
      const verified = await t.http.post('/v1/auth/otp/verify', { phone, code });
      expect(verified.status).toBe(200);
      expectNoStore(verified, 'otp verify');

      const unauthenticated = await t.http.get('/v1/users/me');
      expectProblem(unauthenticated, 401, 'UNAUTHENTICATED');
      expectNoStore(unauthenticated, '401');
      const failed = await login(t.http, uniqueName('nobody'), 'wrong-password-1');
      expectProblem(failed, 401, 'INVALID_CREDENTIALS');
      expectNoStore(failed, 'failed login');

      const live = await t.http.get('/health/live');
      expect(live.status).toBe(200);
      expect(live.headers.get('cache-control')).toBeNull();
    });

    it('is documented on every /v1 response in the OpenAPI document', async () => {
      const doc = (await t.http.get('/docs-json')).body;
      expect(doc.components.headers.NoStore.schema).toEqual({ type: 'string', enum: ['no-store'] });
      let responses = 0;
      for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
        if (!path.startsWith('/v1/')) continue;
        for (const op of Object.values<any>(item)) {
          for (const [status, response] of Object.entries<any>(op.responses ?? {})) {
            responses++;
            expect({ path, status, header: response.headers?.['Cache-Control'] }).toEqual({
              path,
              status,
              header: { $ref: '#/components/headers/NoStore' },
            });
          }
        }
      }
      expect(responses).toBeGreaterThan(100);
    });
  });

  describe('finding 7: user text stays out of mail', () => {
    it('a fullName with a link and an instruction does not appear in the verification email', async () => {
      const username = uniqueName('mail');
      const email = `${uniqueName('addr')}@example.com`;
      const fullName = 'Visit http://evil.example/reset now';
      const reg = await t.http.post('/v1/users', { username, email, password: PASSWORD, fullName });
      expect(reg.status).toBe(201);
      expect(reg.body.fullName).toBe(fullName);

      const mail = await waitForMail(email);
      const whole = `${mail.subject}\n${mail.text}`;
      expect(whole).not.toContain('evil');
      expect(whole).not.toContain('Visit');
      expect(whole).not.toContain(username); // nor the (user-chosen) username
      // the only link is ours
      const links = whole.match(/\b(?:https?:\/\/|www\.)\S+/gi) ?? [];
      expect(links).toEqual([
        expect.stringMatching(/^https:\/\/atrium\.example\/verify-email\?token=[\w-]+$/),
      ]);
    });

    it('a nickname set later does not reach a re-sent verification email either', async () => {
      const u = await registerAndLogin(t.http);
      await waitForMail(u.email);
      const nickname = 'www.evil.example';
      expect(
        (
          await t.http.patch(
            '/v1/users/me',
            { nickname, fullName: 'see evil.example' },
            { token: u.accessToken },
          )
        ).status,
      ).toBe(200);
      expect(
        (await t.http.post('/v1/users/me/email-verification', undefined, { token: u.accessToken }))
          .status,
      ).toBe(202);
      const mails = await eventually(
        async () => {
          const all = readJsonl<{ to: string; subject: string; text: string }>(
            'email.jsonl',
          ).filter((m) => m.to === u.email);
          return all.length >= 2 ? all : undefined;
        },
        15_000,
        'second mail',
      );
      for (const m of mails) expect(`${m.subject}\n${m.text}`).not.toContain('evil');
    });
  });
});
