import { randomBytes } from 'node:crypto';
import {
  createAtriumClient,
  type AtriumClient,
  type Problem,
  type ProblemFieldError,
  type Schema,
} from '../../clients/typescript';
import { startApp, TestApp } from '../support/app';
import { adminEnv, ISO, SYSTEM_ACCOUNT_IDS, UUID } from '../support/bank';
import { PASSWORD, uniqueName } from '../support/factories';

type Account = Schema<'AccountResponse'>;
type Entry = Schema<'EntryResponse'>;
type Transfer = Schema<'TransferResponse'>;
type Tokens = Schema<'TokensResponse'>;

/**
 * The typed client (clients/typescript, generated from docs/openapi.json) against the live API:
 * every call below is checked by `npm run typecheck` against the generated schema, so a change
 * of the API's documented shapes that this flow depends on fails the build, not just this test.
 */

/** The data of a successful answer; throws with the problem otherwise. */
function ok<T>(res: { data?: T; error?: unknown; response: Response }): T {
  if (res.data === undefined) {
    throw new Error(`${res.response.status} ${res.response.url}: ${JSON.stringify(res.error)}`);
  }
  return res.data;
}

function expectProblem(
  res: { error?: Problem; response: Response },
  status: number,
  code: string,
): Problem {
  expect({ status: res.response.status, code: res.error?.code }).toEqual({ status, code });
  expect(res.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = res.error!;
  expect(problem.status).toBe(status);
  expect(problem.type).toMatch(/^\/problems\//);
  expect(typeof problem.title).toBe('string');
  expect(typeof problem.detail).toBe('string');
  expect(problem.requestId).toBe(res.response.headers.get('x-request-id'));
  return problem;
}

describe('Typed client (clients/typescript) against the live API', () => {
  let t: TestApp;
  const env = adminEnv();
  /** No token: register and login. */
  let anon: AtriumClient;

  /** A client that signs its requests with whatever token `session.token` holds at call time. */
  function clientFor(session: { token?: string }, seen?: Array<string | null>): AtriumClient {
    return createAtriumClient({
      baseUrl: `${t.baseUrl}/`,
      getAccessToken: () => session.token,
      fetch: (request: Request) => {
        seen?.push(request.headers.get('authorization'));
        return fetch(request);
      },
    });
  }

  async function login(login: string, password: string): Promise<Tokens> {
    const tokens = ok(await anon.POST('/v1/auth/login', { body: { login, password } }));
    expect(tokens.accessToken).toEqual(expect.any(String));
    return tokens;
  }

  async function registerAndLogin(): Promise<{ client: AtriumClient; tokens: Tokens }> {
    const username = uniqueName();
    const user = ok(
      await anon.POST('/v1/users', {
        body: {
          username,
          email: `${username}@example.com`,
          password: PASSWORD,
          fullName: 'Client User',
        },
      }),
    );
    expect(user).toEqual(
      expect.objectContaining({ id: expect.stringMatching(UUID), username, role: 'user' }),
    );
    const tokens = await login(username, PASSWORD);
    expect(tokens.user.id).toBe(user.id);
    return { client: clientFor({ token: tokens.accessToken }), tokens };
  }

  async function openAccount(
    client: AtriumClient,
    currency: Account['currency'],
  ): Promise<Account> {
    const { data, error, response } = await client.POST('/v1/accounts', { body: { currency } });
    expect({ status: response.status, error }).toEqual({ status: 201, error: undefined });
    return data!;
  }

  beforeAll(async () => {
    t = await startApp(env);
    anon = createAtriumClient({ baseUrl: t.baseUrl });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('register → login → open EUR account → deposit → transfer (Idempotency-Key) → balances and entries', async () => {
    const adminTokens = await login(env.ADMIN_EMAIL, env.ADMIN_PASSWORD);
    expect(adminTokens.user.role).toBe('admin');
    const admin = clientFor({ token: adminTokens.accessToken });

    // Alice: the middleware adds the bearer token from getAccessToken at call time.
    const aliceSession: { token?: string } = {};
    const seen: Array<string | null> = [];
    const alice = clientFor(aliceSession, seen);
    const username = uniqueName('alice');
    ok(
      await anon.POST('/v1/users', {
        body: { username, email: `${username}@example.com`, password: PASSWORD, fullName: 'Alice' },
      }),
    );
    expectProblem(await alice.GET('/v1/users/me'), 401, 'UNAUTHENTICATED');
    aliceSession.token = (await login(username, PASSWORD)).accessToken;
    const me: Schema<'UserResponse'> = ok(await alice.GET('/v1/users/me'));
    expect(me.username).toBe(username);
    expect(seen).toEqual([null, `Bearer ${aliceSession.token}`]);

    const aliceEur = await openAccount(alice, 'EUR');
    expect(aliceEur).toEqual<Account>({
      id: expect.stringMatching(UUID),
      ownerId: me.id,
      currency: 'EUR',
      balance: 0,
      createdAt: expect.stringMatching(ISO),
    });

    // Deposits are admin only.
    const deposit: Transfer = ok(
      await admin.POST('/v1/accounts/{id}/deposits', {
        params: { path: { id: aliceEur.id } },
        body: { amount: 10_000 },
      }),
    );
    expect(deposit).toEqual<Transfer>({
      id: expect.stringMatching(UUID),
      fromAccountId: SYSTEM_ACCOUNT_IDS.cash.EUR,
      toAccountId: aliceEur.id,
      amount: 10_000,
      currency: 'EUR',
      note: null,
      kind: 'deposit',
      createdAt: expect.stringMatching(ISO),
    });

    const bob = await registerAndLogin();
    const bobEur = await openAccount(bob.client, 'EUR');

    const key = `client-e2e-${randomBytes(8).toString('hex')}`;
    const transferInit = {
      params: { header: { 'Idempotency-Key': key } },
      body: {
        fromAccountId: aliceEur.id,
        toAccountId: bobEur.id,
        amount: 2_500,
        currency: 'EUR',
        note: 'rent',
      },
    } as const;
    const first = await alice.POST('/v1/transfers', transferInit);
    expect(first.response.status).toBe(201);
    expect(first.response.headers.get('idempotent-replayed')).toBeNull();
    const transfer: Transfer = ok(first);
    expect(transfer).toEqual<Transfer>({
      id: expect.stringMatching(UUID),
      fromAccountId: aliceEur.id,
      toAccountId: bobEur.id,
      amount: 2_500,
      currency: 'EUR',
      note: 'rent',
      kind: 'transfer',
      createdAt: expect.stringMatching(ISO),
    });

    // The same key and body replays the first answer; no second transfer.
    const replay = await alice.POST('/v1/transfers', transferInit);
    expect(replay.response.status).toBe(201);
    expect(replay.response.headers.get('idempotent-replayed')).toBe('true');
    expect(ok(replay)).toEqual(transfer);

    const aliceAccounts = ok(await alice.GET('/v1/accounts'));
    expect(aliceAccounts).toEqual<Schema<'AccountListResponse'>>({
      items: [{ ...aliceEur, balance: 7_500 }],
      nextCursor: null,
    });
    const bobAccount: Account = ok(
      await bob.client.GET('/v1/accounts/{id}', { params: { path: { id: bobEur.id } } }),
    );
    expect(bobAccount.balance).toBe(2_500);

    const aliceEntries = ok(
      await alice.GET('/v1/accounts/{id}/entries', {
        params: { path: { id: aliceEur.id }, query: { limit: 100 } },
      }),
    );
    expect(aliceEntries.nextCursor).toBeNull();
    expect(aliceEntries.items).toEqual<Entry[]>([
      {
        id: expect.stringMatching(UUID),
        accountId: aliceEur.id,
        transferId: transfer.id,
        amount: -2_500,
        balanceAfter: 7_500,
        createdAt: expect.stringMatching(ISO),
      },
      {
        id: expect.stringMatching(UUID),
        accountId: aliceEur.id,
        transferId: deposit.id,
        amount: 10_000,
        balanceAfter: 10_000,
        createdAt: expect.stringMatching(ISO),
      },
    ]);
    const bobEntries: Entry[] = ok(
      await bob.client.GET('/v1/accounts/{id}/entries', { params: { path: { id: bobEur.id } } }),
    ).items;
    expect(bobEntries).toEqual<Entry[]>([
      {
        id: expect.stringMatching(UUID),
        accountId: bobEur.id,
        transferId: transfer.id,
        amount: 2_500,
        balanceAfter: 2_500,
        createdAt: expect.stringMatching(ISO),
      },
    ]);

    const fetched: Transfer = ok(
      await bob.client.GET('/v1/transfers/{id}', { params: { path: { id: transfer.id } } }),
    );
    expect(fetched).toEqual(transfer);
  });

  it('errors are typed problems: insufficient funds → 422 INSUFFICIENT_FUNDS, nothing moves', async () => {
    const a = await registerAndLogin();
    const b = await registerAndLogin();
    const from = await openAccount(a.client, 'USD');
    const to = await openAccount(b.client, 'USD');

    const res = await a.client.POST('/v1/transfers', {
      params: { header: { 'Idempotency-Key': `client-e2e-${randomBytes(8).toString('hex')}` } },
      body: { fromAccountId: from.id, toAccountId: to.id, amount: 1, currency: 'USD' },
    });
    expect(res.data).toBeUndefined();
    const problem: Problem = expectProblem(res, 422, 'INSUFFICIENT_FUNDS');
    expect(problem.instance).toBe('/v1/transfers');

    for (const [client, id] of [
      [a.client, from.id],
      [b.client, to.id],
    ] as const) {
      const account = ok(await client.GET('/v1/accounts/{id}', { params: { path: { id } } }));
      expect(account.balance).toBe(0);
    }
  });

  it('validation problems carry typed field errors', async () => {
    const a = await registerAndLogin();
    const from = await openAccount(a.client, 'CNY');
    const res = await a.client.POST('/v1/transfers', {
      body: { fromAccountId: from.id, toAccountId: from.id, amount: 0, currency: 'CNY' },
    });
    const problem = expectProblem(res, 400, 'VALIDATION_FAILED');
    const fields: ProblemFieldError[] = problem.errors ?? [];
    expect(fields.map((e) => e.field)).toContain('amount');
  });
});
