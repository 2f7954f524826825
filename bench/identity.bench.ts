import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { load, report, Result, ROOT, startBareFastify, startProcess } from './harness';

const PASSWORD = 'correct-horse-42';

/** POST /v1/auth/login vs raw bcrypt.compare; GET /v1/users/me vs bare Fastify. */
export async function identityBenchmarks(
  appEnv: Record<string, string>,
  duration: number,
): Promise<string[]> {
  const api = await startProcess(['dist/main.js'], appEnv);
  try {
    // Logins rotate over several users: each login name allows 5 attempts in flight/failed,
    // so hammering one name in parallel would (correctly) meet the login throttle.
    const stamp = Date.now().toString(36);
    const usernames = Array.from({ length: 16 }, (_, i) => `bench_${stamp}_${i}`);
    for (const username of usernames) {
      await fetch(`${api.url}/v1/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          username,
          email: `${username}@example.com`,
          password: PASSWORD,
          fullName: 'Bench',
        }),
      });
    }
    const loginBodies = usernames.map((login) => JSON.stringify({ login, password: PASSWORD }));
    const loginBody = loginBodies[0];
    let next = 0;
    const tokens = (await (
      await fetch(`${api.url}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: loginBody,
      })
    ).json()) as { accessToken: string };
    const me = await (
      await fetch(`${api.url}/v1/users/me`, {
        headers: { authorization: `Bearer ${tokens.accessToken}` },
      })
    ).text();

    const login = await load('POST /v1/auth/login', api.url, {
      connections: 8,
      duration,
      requests: [
        {
          method: 'POST',
          path: '/v1/auth/login',
          headers: { 'content-type': 'application/json' },
          setupRequest: (req) => ({ ...req, body: loginBodies[next++ % loginBodies.length] }),
        },
      ],
    });
    const raw = JSON.parse(
      execFileSync(
        process.execPath,
        ['-r', 'ts-node/register/transpile-only', join(ROOT, 'bench/baselines/raw-bcrypt.ts')],
        {
          env: { ...process.env, BCRYPT_COST: appEnv.BCRYPT_COST, DURATION: String(duration) },
        },
      ).toString(),
    );
    const rawResult: Result = {
      name: `raw bcrypt.compare (cost ${appEnv.BCRYPT_COST})`,
      ...raw,
      errors: 0,
      non2xx: 0,
    };

    const meResult = await load('GET /v1/users/me', api.url, {
      connections: 32,
      duration,
      headers: { authorization: `Bearer ${tokens.accessToken}` },
      requests: [{ method: 'GET', path: '/v1/users/me' }],
    });
    const bare = await startBareFastify({ body: me });
    const bareResult = await load('bare Fastify, same JSON', bare.url, {
      connections: 32,
      duration,
      requests: [{ method: 'GET', path: '/bare' }],
    });
    await bare.stop();

    return [
      report(
        `Login at BCRYPT_COST=${appEnv.BCRYPT_COST}, 8 connections (goal ≥ 0.9)`,
        login,
        rawResult,
      ),
      report('GET /v1/users/me, 32 connections (goal ≥ 0.5)', meResult, bareResult),
    ];
  } finally {
    await api.stop();
  }
}
