import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  AccountHolder,
  BENCH_ADMIN,
  call,
  ledgerCheck,
  load,
  mapLimit,
  randomInt,
  report,
  Result,
  ROOT,
  startProcess,
  transferRequest,
  withNon2xxAsErrors,
} from './harness';

const PASSWORD = 'correct-horse-42';
const { ADMIN_EMAIL, ADMIN_PASSWORD } = BENCH_ADMIN;
const USERS = 40;
const FUNDING = 1_000_000_000;
const CONNECTIONS = 32;

type Holder = AccountHolder;

/** Turns a picker of two holder indexes into a picker of the holders. */
function pairOf(holders: Holder[], pick: () => [number, number]): () => [Holder, Holder] {
  return () => {
    const [from, to] = pick();
    return [holders[from], holders[to]];
  };
}

/** `count` users, each with a USD account funded by the admin (BENCH_ADMIN) with FUNDING. */
export async function fundedHolders(url: string, count: number): Promise<Holder[]> {
  const stamp = Date.now().toString(36);
  const holders = await mapLimit(
    Array.from({ length: count }, (_, i) => i),
    4,
    async (i) => {
      const username = `bk_${stamp}_${i}`;
      await call(`${url}/v1/users`, 'POST', {
        username,
        email: `${username}@example.com`,
        password: PASSWORD,
        fullName: `Bank ${i}`,
      });
      const { accessToken } = await call<{ accessToken: string }>(`${url}/v1/auth/login`, 'POST', {
        login: username,
        password: PASSWORD,
      });
      const account = await call<{ id: string }>(
        `${url}/v1/accounts`,
        'POST',
        { currency: 'USD' },
        accessToken,
      );
      return { token: accessToken, accountId: account.id };
    },
  );
  const admin = await call<{ accessToken: string }>(`${url}/v1/auth/login`, 'POST', {
    login: ADMIN_EMAIL,
    password: ADMIN_PASSWORD,
  });
  await mapLimit(holders, 8, (h) =>
    call(
      `${url}/v1/accounts/${h.accountId}/deposits`,
      'POST',
      { amount: FUNDING },
      admin.accessToken,
    ),
  );
  return holders;
}

/**
 * POST /v1/transfers among ≥ 40 funded accounts vs the same transaction in raw mysql2;
 * then all transfers into one hot account vs the random-pair API run; then ledger:check.
 */
export async function bankBenchmarks(
  baseEnv: Record<string, string>,
  duration: number,
): Promise<string[]> {
  const appEnv: Record<string, string> = { ...baseEnv, ADMIN_EMAIL, ADMIN_PASSWORD };
  const api = await startProcess(['dist/main.js'], appEnv);
  let holders: Holder[];
  let random: Result;
  let hot: Result;
  const failures: string[] = [];
  try {
    holders = await fundedHolders(api.url, USERS);

    const randomPair = (): [number, number] => {
      const from = randomInt(holders.length);
      let to = randomInt(holders.length - 1);
      if (to >= from) to++;
      return [from, to];
    };
    // Warm-up (JIT, pool start-up, outbox backlog of the deposits): a cold first run measured
    // at about half the throughput of the following ones.
    await load('warm-up', api.url, {
      connections: CONNECTIONS,
      duration: Math.min(3, duration),
      requests: [transferRequest(pairOf(holders, randomPair), 'USD', 100, [])],
    });

    random = withNon2xxAsErrors(
      await load(`POST /v1/transfers (${holders.length} accounts)`, api.url, {
        connections: CONNECTIONS,
        duration,
        requests: [transferRequest(pairOf(holders, randomPair), 'USD', 100, failures)],
      }),
    );
    // Everyone pays holder 0: every transaction locks the same row.
    const intoHot = (): [number, number] => [1 + randomInt(holders.length - 1), 0];
    hot = withNon2xxAsErrors(
      await load('POST /v1/transfers (all into 1 account)', api.url, {
        connections: CONNECTIONS,
        duration,
        requests: [transferRequest(pairOf(holders, intoHot), 'USD', 100, failures)],
      }),
    );
  } finally {
    // Stopped before the baseline so its outbox relay and workers don't compete for the CPU.
    await api.stop();
  }

  const raw = JSON.parse(
    execFileSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(ROOT, 'bench/baselines/raw-transfer.ts')],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DB_HOST: appEnv.DB_HOST,
          DB_PORT: appEnv.DB_PORT,
          DB_USER: appEnv.DB_USER,
          DB_PASSWORD: appEnv.DB_PASSWORD,
          DB_NAME: appEnv.DB_NAME,
          DURATION: String(duration),
          WORKERS: String(CONNECTIONS),
          ACCOUNT_IDS: JSON.stringify(holders.map((h) => h.accountId)),
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    ).toString(),
  ) as { reqPerSec: number; p50: number; p99: number; errors: number; retries: number };
  const rawResult: Result = {
    name: `raw mysql2 transaction (${CONNECTIONS} workers)`,
    reqPerSec: raw.reqPerSec,
    p50: raw.p50,
    p99: raw.p99,
    errors: raw.errors,
    non2xx: 0,
  };

  const ledger = ledgerCheck(appEnv);

  const sections = [
    report(
      `POST /v1/transfers, random pairs of ${holders.length} accounts, ${CONNECTIONS} connections (goal ≥ 0.6 of raw mysql2, 0 errors, p99 < 100 ms)`,
      random,
      rawResult,
    ),
    report(
      `Hot account: POST /v1/transfers all into 1 account, ${CONNECTIONS} connections (baseline: the random-pair API run; goal 0 errors, p99 < 100 ms)`,
      hot,
      random,
    ),
  ];
  if (raw.retries > 0) sections.push(`  raw mysql2 deadlock/lock-timeout retries: ${raw.retries}`);
  if (failures.length > 0)
    sections.push(`  first non-2xx answers:\n${failures.map((f) => `    ${f}`).join('\n')}`);
  sections.push(ledger);
  return sections;
}
