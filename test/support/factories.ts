import { randomBytes } from 'node:crypto';
import type { HttpClient } from './app';

export const PASSWORD = 'correct-horse-42';

/** The fields of API.md `User`, sorted: nothing more (never a password or hash), nothing less. */
export const USER_KEYS = [
  'bio',
  'birthday',
  'createdAt',
  'email',
  'emailVerified',
  'fullName',
  'id',
  'nickname',
  'phone',
  'role',
  'username',
];

export interface RegisteredUser {
  id: string;
  username: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  sessionId: string;
}

export function uniqueName(prefix = 'u'): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/** Registers a user through the API and signs in. */
export async function registerAndLogin(
  http: HttpClient,
  overrides: Partial<{ username: string; email: string; password: string }> = {},
): Promise<RegisteredUser> {
  const username = overrides.username ?? uniqueName();
  const email = overrides.email ?? `${username}@example.com`;
  const password = overrides.password ?? PASSWORD;
  const reg = await http.post('/v1/users', { username, email, password, fullName: 'Test User' });
  if (reg.status !== 201) throw new Error(`register failed: ${reg.status} ${reg.text}`);
  const login = await http.post('/v1/auth/login', { login: username, password });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${login.text}`);
  return {
    id: reg.body.id,
    username,
    email,
    password,
    accessToken: login.body.accessToken,
    refreshToken: login.body.refreshToken,
    sessionId: login.body.sessionId,
  };
}

export function expectProblem(
  res: { status: number; headers: Headers; body: any },
  status: number,
  code: string,
): void {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toEqual(
    expect.objectContaining({
      type: expect.stringMatching(/^\/problems\//),
      title: expect.any(String),
      status,
      code,
      detail: expect.any(String),
      instance: expect.any(String),
      requestId: res.headers.get('x-request-id'),
    }),
  );
  expect(JSON.stringify(res.body)).not.toMatch(/stack|at \w+ \(|SELECT |INSERT |node_modules/);
}
