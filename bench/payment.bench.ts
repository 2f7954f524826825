import autocannon from 'autocannon';
import { createHmac, randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { fundedHolders } from './bank.bench';
import {
  AccountHolder,
  BENCH_ADMIN,
  call,
  keepFailures,
  ledgerCheck,
  mapLimit,
  randomInt,
  report,
  Result,
  startProcess,
  transferRequest,
  withNon2xxAsErrors,
} from './harness';

const SECRET = 'bench-payment-webhook-secret-0123456789';
const WEBHOOK = '/v1/payments/webhooks/sandbox';
const HOLDERS = 40;
const CONNECTIONS = 32;
/** Events per second of BENCH_DURATION: each measured run sends this many requests in all. */
const EVENTS_PER_SECOND = 500;
const TOP_UP = 1_000;

interface PendingTopUp {
  providerRef: string;
  amount: number;
  holder: number;
}

function signature(body: string): string {
  const t = Math.floor(Date.now() / 1000);
  return `t=${t},v1=${createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex')}`;
}

function succeededEvent(p: PendingTopUp): string {
  return JSON.stringify({
    id: `evt_bench_${randomBytes(12).toString('hex')}`,
    type: 'payment.succeeded',
    createdAt: new Date().toISOString(),
    data: { providerRef: p.providerRef, amount: p.amount, currency: 'USD' },
  });
}

/** `amount` requests (not a duration): each pre-created payment gets exactly one event. */
async function fixedLoad(
  name: string,
  url: string,
  amount: number,
  request: autocannon.Request,
): Promise<Result> {
  const result = await autocannon({ url, connections: CONNECTIONS, amount, requests: [request] });
  return {
    name,
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/**
 * Webhook handling: distinct, signed `payment.succeeded` events, one per pre-created top-up
 * (each: signature check, dedupe row, payment locked, clearing → account, payment succeeded),
 * against the same number of POST /v1/transfers among the same accounts, and against the same
 * number of webhooks with a wrong signature (refused before any database work). Afterwards:
 * every payment succeeded exactly once, every balance exact, ledger:check.
 *
 * The app runs with NODE_ENV=test: production refuses PAYMENT_PROVIDER=sandbox (its Pay button
 * creates money), and the sandbox is the only provider. Everything else is the other suites'
 * production configuration; what NODE_ENV=test changes beyond that is configuration validation
 * (secrets not required), not the request path.
 */
export async function paymentBenchmarks(
  baseEnv: Record<string, string>,
  duration: number,
): Promise<string[]> {
  const appEnv: Record<string, string> = {
    ...baseEnv,
    ...BENCH_ADMIN,
    NODE_ENV: 'test',
    PAYMENT_PROVIDER: 'sandbox',
    PAYMENT_WEBHOOK_SECRET: SECRET,
  };
  const events = EVENTS_PER_SECOND * duration;
  const api = await startProcess(['dist/main.js'], appEnv);
  const failures: string[] = [];
  let webhooks: Result;
  let refused: Result;
  let transfers: Result;
  let holders: AccountHolder[];
  let pending: PendingTopUp[];
  try {
    holders = await fundedHolders(api.url, HOLDERS);
    const balancesBefore = await Promise.all(holders.map((h) => balance(api.url, h)));
    // Setup: the top-ups, created through the API (each also creates the sandbox's charge).
    pending = await mapLimit(
      Array.from({ length: events }, (_, i) => i),
      16,
      async (i) => {
        const holder = i % holders.length;
        const amount = TOP_UP + (i % 97);
        const payment = await call<{ providerRef: string }>(
          `${api.url}/v1/payments`,
          'POST',
          { purpose: 'top_up', accountId: holders[holder].accountId, amount },
          holders[holder].token,
        );
        return { providerRef: payment.providerRef, amount, holder };
      },
    );

    const withSignature = (sign: (body: string) => string) => {
      let next = 0;
      return (req: autocannon.Request) => {
        // autocannon may prepare a few requests past `amount`: those repeat an event of a
        // payment already sent (same providerRef, new event id: stale, no effect).
        const body = succeededEvent(pending[next++ % pending.length]);
        return {
          ...req,
          headers: { 'content-type': 'application/json', 'atrium-signature': sign(body) },
          body,
        };
      };
    };
    // Refused first, so the measured signed run is not warmed by it alone.
    refused = await fixedLoad('webhook, wrong signature (400)', api.url, events, {
      method: 'POST',
      path: WEBHOOK,
      setupRequest: withSignature((body) => `${signature(body)}0`),
    });
    webhooks = withNon2xxAsErrors(
      await fixedLoad(`webhook payment.succeeded (${events} payments)`, api.url, events, {
        method: 'POST',
        path: WEBHOOK,
        setupRequest: withSignature(signature),
        onResponse: keepFailures(failures),
      }),
    );
    const randomPair = (): [AccountHolder, AccountHolder] => {
      const from = randomInt(holders.length);
      let to = randomInt(holders.length - 1);
      if (to >= from) to++;
      return [holders[from], holders[to]];
    };
    transfers = withNon2xxAsErrors(
      await fixedLoad(
        `POST /v1/transfers (${holders.length} accounts)`,
        api.url,
        events,
        transferRequest(randomPair, 'USD', 100, failures),
      ),
    );
    // Transfers moved money among the holders: their sum is what the top-ups added.
    const balancesAfter = await Promise.all(holders.map((h) => balance(api.url, h)));
    const added = pending.reduce((sum, p) => sum + p.amount, 0);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    if (sum(balancesAfter) - sum(balancesBefore) !== added)
      failures.push(
        `balances grew by ${sum(balancesAfter) - sum(balancesBefore)}, top-ups sum to ${added}`,
      );
    failures.push(...(await checkPayments(appEnv, pending, holders)));
  } finally {
    await api.stop();
  }
  const sections = [
    report(
      `Webhooks: distinct signed payment.succeeded events, ${CONNECTIONS} connections, ${events} each (baseline: as many POST /v1/transfers; goal 0 errors, every payment succeeded once)`,
      webhooks,
      transfers,
    ),
    report(
      `Webhooks: wrong signature, refused with 400 before any database work (baseline: the signed events)`,
      refused,
      webhooks,
    ),
  ];
  if (refused.non2xx !== events)
    failures.push(`${refused.non2xx} of ${events} wrong signatures refused`);
  if (failures.length > 0) {
    process.exitCode = 1;
    sections.push(`  problems:\n${failures.map((f) => `    ${f}`).join('\n')}`);
  } else {
    sections.push(
      `  ${events} payments succeeded once each (${events} top_up transfers, ${events} events recorded), balances exact`,
    );
  }
  sections.push(ledgerCheck(appEnv));
  return sections;
}

async function balance(url: string, h: AccountHolder): Promise<number> {
  return (
    await call<{ balance: number }>(`${url}/v1/accounts/${h.accountId}`, 'GET', undefined, h.token)
  ).balance;
}

/** Every payment succeeded with one top_up transfer of its amount into its holder's account. */
async function checkPayments(
  env: Record<string, string>,
  pending: PendingTopUp[],
  holders: AccountHolder[],
): Promise<string[]> {
  const db = await createConnection({
    host: env.DB_HOST,
    port: Number(env.DB_PORT),
    user: env.DB_USER,
    password: env.DB_PASSWORD,
    database: env.DB_NAME,
  });
  try {
    const problems: string[] = [];
    const [rows] = (await db.query(
      `SELECT p.provider_ref AS ref, p.status, p.amount, HEX(t.to_account_id) AS toAccount,
              t.amount AS moved, t.kind
       FROM payments p LEFT JOIN transfers t ON t.id = p.transfer_id`,
    )) as unknown as [
      Array<{
        ref: string;
        status: string;
        amount: string;
        toAccount: string | null;
        moved: string | null;
        kind: string | null;
      }>,
    ];
    const byRef = new Map(rows.map((r) => [r.ref, r]));
    for (const p of pending) {
      const r = byRef.get(p.providerRef);
      const account = holders[p.holder].accountId.replace(/-/g, '').toUpperCase();
      if (
        !r ||
        r.status !== 'succeeded' ||
        Number(r.moved) !== p.amount ||
        r.toAccount !== account ||
        r.kind !== 'top_up'
      ) {
        problems.push(`payment ${p.providerRef}: ${JSON.stringify(r ?? null)}`);
        if (problems.length >= 5) break;
      }
    }
    const [[counts]] = (await db.query(
      `SELECT (SELECT COUNT(*) FROM transfers WHERE kind = 'top_up') AS topUps,
              (SELECT COUNT(*) FROM payment_events) AS events`,
    )) as unknown as [Array<{ topUps: number; events: number }>];
    if (Number(counts.topUps) !== pending.length)
      problems.push(`${counts.topUps} top_up transfers for ${pending.length} payments`);
    if (Number(counts.events) < pending.length)
      problems.push(`${counts.events} events recorded for ${pending.length} payments`);
    return problems;
  } finally {
    await db.end();
  }
}
