import { HttpClient, startApp, TestApp } from '../support/app';
import { expectProblem, PASSWORD, registerAndLogin, uniqueName } from '../support/factories';

/**
 * Issue 11 hardening of identity: logins match exactly (apart from ASCII case) and the lockout
 * counts per account however the login is spelled (finding 3).
 */

const ADMIN_PASSWORD = 'admin-pass-123';

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
    t = await startApp({ ADMIN_EMAIL: adminEmail, ADMIN_PASSWORD });
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
});
