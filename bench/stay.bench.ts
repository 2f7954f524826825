import type autocannon from 'autocannon';
import { createConnection } from 'mysql2/promise';
import {
  AccountHolder,
  BENCH_ADMIN,
  call,
  keepFailures,
  ledgerCheck,
  load,
  mapLimit,
  randomInt,
  report,
  Result,
  startProcess,
  transferRequest,
  withNon2xxAsErrors,
} from './harness';

const PASSWORD = 'correct-horse-42';
const { ADMIN_EMAIL, ADMIN_PASSWORD } = BENCH_ADMIN;
const HOSTS = 20;
const GUESTS = 40;
const FUNDING = 1_000_000_000;
const CONNECTIONS = 32;
const DAY_MS = 86_400_000;

type Party = AccountHolder;

interface Host extends Party {
  homestayId: string;
}

function isoDay(daysFromToday: number): string {
  return new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS + daysFromToday * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

/**
 * Random stays that never collide: each homestay hands out its calendar forward from a
 * per-homestay pointer (a random 0..2-day gap, then 1..5 nights), so every order is
 * bookable and every pay has an order to pay; a 409 or 404 here is a real error.
 */
function stayPicker(
  hosts: Host[],
): () => { homestayId: string; checkIn: string; checkOut: string } {
  const nextFree = hosts.map(() => 1);
  return () => {
    const h = randomInt(hosts.length);
    const checkIn = nextFree[h] + randomInt(3);
    const checkOut = checkIn + 1 + randomInt(5);
    nextFree[h] = checkOut;
    return {
      homestayId: hosts[h].homestayId,
      checkIn: isoDay(checkIn),
      checkOut: isoDay(checkOut),
    };
  };
}

interface FlowContext {
  guest?: number;
  orderId?: string;
}

/** One flow per connection at a time: POST /v1/orders, then POST /v1/orders/:id/pay by the same guest. */
function orderAndPay(
  guests: Party[],
  pick: ReturnType<typeof stayPicker>,
  failures: string[],
): autocannon.Request[] {
  const onResponse = keepFailures(failures);
  return [
    {
      method: 'POST',
      path: '/v1/orders',
      setupRequest: (req, context: FlowContext) => {
        context.guest = randomInt(guests.length);
        context.orderId = undefined;
        return {
          ...req,
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${guests[context.guest].token}`,
          },
          body: JSON.stringify({ ...pick(), guests: 1 }),
        };
      },
      onResponse: (status, body, context: FlowContext) => {
        onResponse(status, body);
        if (status === 201) context.orderId = (JSON.parse(body) as { id: string }).id;
      },
    },
    {
      method: 'POST',
      setupRequest: (req, context: FlowContext) => ({
        ...req,
        path: `/v1/orders/${context.orderId ?? 'missing'}/pay`,
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${guests[context.guest!].token}`,
        },
        body: JSON.stringify({ accountId: guests[context.guest!].accountId }),
      }),
      onResponse: (status, body) => onResponse(status, body),
    },
  ];
}

/**
 * Order + pay (random homestays, dates and lengths) among 20 homestays and 40 funded guests,
 * against plain transfers between the same accounts; afterwards no homestay may have two
 * live orders sharing a night, and ledger:check must pass.
 */
export async function stayBenchmarks(
  baseEnv: Record<string, string>,
  duration: number,
): Promise<string[]> {
  const appEnv: Record<string, string> = { ...baseEnv, ADMIN_EMAIL, ADMIN_PASSWORD };
  const api = await startProcess(['dist/main.js'], appEnv);
  const failures: string[] = [];
  let flow: Result;
  let transfers: Result;
  try {
    const stamp = Date.now().toString(36);
    const signUp = async (name: string): Promise<Party> => {
      await call(`${api.url}/v1/users`, 'POST', {
        username: name,
        email: `${name}@example.com`,
        password: PASSWORD,
        fullName: name,
      });
      const { accessToken } = await call<{ accessToken: string }>(
        `${api.url}/v1/auth/login`,
        'POST',
        { login: name, password: PASSWORD },
      );
      const account = await call<{ id: string }>(
        `${api.url}/v1/accounts`,
        'POST',
        { currency: 'EUR' },
        accessToken,
      );
      return { token: accessToken, accountId: account.id };
    };
    const hosts: Host[] = await mapLimit(
      Array.from({ length: HOSTS }, (_, i) => i),
      4,
      async (i) => {
        const party = await signUp(`sh_${stamp}_${i}`);
        const homestay = await call<{ id: string }>(
          `${api.url}/v1/homestays`,
          'POST',
          {
            title: `Bench stay ${i}`,
            description: 'Benchmark homestay',
            city: 'Benchville',
            pricePerNight: 1_000 + randomInt(9_000),
            currency: 'EUR',
            maxGuests: 4,
          },
          party.token,
        );
        return { ...party, homestayId: homestay.id };
      },
    );
    const guests = await mapLimit(
      Array.from({ length: GUESTS }, (_, i) => i),
      4,
      (i) => signUp(`sg_${stamp}_${i}`),
    );
    const admin = await call<{ accessToken: string }>(`${api.url}/v1/auth/login`, 'POST', {
      login: ADMIN_EMAIL,
      password: ADMIN_PASSWORD,
    });
    await mapLimit(guests, 8, (g) =>
      call(
        `${api.url}/v1/accounts/${g.accountId}/deposits`,
        'POST',
        { amount: FUNDING },
        admin.accessToken,
      ),
    );

    const pick = stayPicker(hosts);
    await load('warm-up', api.url, {
      connections: CONNECTIONS,
      duration: Math.min(3, duration),
      requests: orderAndPay(guests, pick, []),
    });
    flow = withNon2xxAsErrors(
      await load('order + pay (requests; 2 per flow)', api.url, {
        connections: CONNECTIONS,
        duration,
        requests: orderAndPay(guests, pick, failures),
      }),
    );
    transfers = withNon2xxAsErrors(
      await load('POST /v1/transfers, same accounts', api.url, {
        connections: CONNECTIONS,
        duration,
        requests: [
          transferRequest(
            // The same guests paying the same hosts directly: the ledger alone, as the baseline.
            () => [guests[randomInt(guests.length)], hosts[randomInt(hosts.length)]],
            'EUR',
            30_000,
            failures,
          ),
        ],
      }),
    );
  } finally {
    await api.stop();
  }

  const db = await createConnection({
    host: appEnv.DB_HOST,
    port: Number(appEnv.DB_PORT),
    user: appEnv.DB_USER,
    password: appEnv.DB_PASSWORD,
    database: appEnv.DB_NAME,
  });
  const [[counts]] = (await db.query(
    `SELECT COUNT(*) AS orders, SUM(status = 'paid') AS paid,
       (SELECT COUNT(*) FROM orders a JOIN orders b ON a.homestay_id = b.homestay_id AND a.id < b.id
          AND a.check_in < b.check_out AND b.check_in < a.check_out
        WHERE a.status <> 'cancelled' AND b.status <> 'cancelled') AS doubleBooked
     FROM orders`,
  )) as unknown as [[{ orders: number; paid: number; doubleBooked: number }]];
  await db.end();

  const ledger = ledgerCheck(appEnv);
  if (Number(counts.doubleBooked) > 0) process.exitCode = 1;

  const sections = [
    report(
      `Stays: POST /v1/orders then POST /v1/orders/:id/pay, random stays of ${HOSTS} homestays by ${GUESTS} guests, ${CONNECTIONS} connections (baseline: plain transfers between the same accounts; goal 0 errors)`,
      flow,
      transfers,
    ),
    `  order+pay flows/s ${(flow.reqPerSec / 2).toFixed(1)}; orders ${counts.orders}, paid ${counts.paid}, double-booked pairs ${counts.doubleBooked}`,
  ];
  if (failures.length > 0)
    sections.push(`  first non-2xx answers:\n${failures.map((f) => `    ${f}`).join('\n')}`);
  sections.push(ledger);
  return sections;
}
