import type autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';
import { Connection, createConnection } from 'mysql2/promise';
import { newId } from '../src/domain/shared/uuid';
import { HmacCheckInCodes } from '../src/infrastructure/security/hmac-check-in-codes';
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
/** Non-zero, so every check-in moves two transfers out of escrow: the payout and the fee. */
const PLATFORM_FEE_BPS = 500;
/** The city of the homestays the check-in flow books, one homestay per flow. */
const CHECK_IN_CITY = 'Bench check-in';
/** A homestay id that exists nowhere: the order a flow places when the pool ran dry (404). */
const NO_HOMESTAY = '00000000-0000-7000-8000-000000000000';

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

/**
 * Flows that completed (every request 2xx) and how long each took, first request sent to last
 * answer; and flows that got their last answer but failed on the way.
 */
class Flows {
  completed = 0;
  failed = 0;
  private readonly millis: number[] = [];

  done(startedAt: number | undefined): void {
    this.completed++;
    if (startedAt !== undefined) this.millis.push(performance.now() - startedAt);
  }

  p99(): number {
    if (this.millis.length === 0) return 0;
    const sorted = [...this.millis].sort((a, b) => a - b);
    return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)]);
  }
}

interface FlowContext {
  guest?: number;
  orderId?: string;
  startedAt?: number;
}

/** POST /v1/orders/:id/pay by the flow's guest, from their account: the step both flows share. */
function payStep(
  guests: Party[],
  onResponse: (status: number, body: string, context: CheckInContext) => void,
): autocannon.Request {
  return {
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
    onResponse,
  };
}

/** One flow per connection at a time: POST /v1/orders, then POST /v1/orders/:id/pay by the same guest. */
function orderAndPay(
  guests: Party[],
  pick: ReturnType<typeof stayPicker>,
  failures: string[],
  flows = new Flows(),
): autocannon.Request[] {
  const onResponse = keepFailures(failures);
  return [
    {
      method: 'POST',
      path: '/v1/orders',
      setupRequest: (req, context: FlowContext) => {
        context.guest = randomInt(guests.length);
        context.orderId = undefined;
        context.startedAt = performance.now();
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
    payStep(guests, (status, body, context: FlowContext) => {
      onResponse(status, body);
      if (status === 200 && context.orderId) flows.done(context.startedAt);
      else flows.failed++;
    }),
  ];
}

/** Homestays booked by nobody yet, handed out one per check-in flow. */
interface CheckInPool {
  homestays: { id: string; host: number }[];
  next: number;
  /** Flows that found no homestay left: their order is a 404, and the bench fails. */
  exhausted: number;
}

interface CheckInContext extends FlowContext {
  host?: number;
  code?: string;
}

/**
 * One flow per connection at a time: POST /v1/orders for tonight (checkIn today UTC, 1 night)
 * of a homestay nobody booked yet, POST /v1/orders/:id/pay by the guest, then
 * POST /v1/orders/:id/check-in by the host with the code the guest was emailed, derived here
 * from the pay answer's transferId exactly as the server derives it. A checked-in order keeps
 * its night, so every flow needs its own homestay.
 */
function orderPayCheckIn(
  guests: Party[],
  hosts: Party[],
  pool: CheckInPool,
  codes: HmacCheckInCodes,
  failures: string[],
  flows: Flows,
): autocannon.Request[] {
  const onResponse = keepFailures(failures);
  return [
    {
      method: 'POST',
      path: '/v1/orders',
      setupRequest: (req, context: CheckInContext) => {
        context.guest = randomInt(guests.length);
        context.orderId = undefined;
        context.code = undefined;
        context.startedAt = performance.now();
        const homestay = pool.homestays[pool.next++];
        if (!homestay) pool.exhausted++;
        context.host = homestay?.host ?? 0;
        return {
          ...req,
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${guests[context.guest].token}`,
          },
          body: JSON.stringify({
            homestayId: homestay?.id ?? NO_HOMESTAY,
            checkIn: isoDay(0),
            checkOut: isoDay(1),
            guests: 1,
          }),
        };
      },
      onResponse: (status, body, context: CheckInContext) => {
        onResponse(status, body);
        if (status === 201) context.orderId = (JSON.parse(body) as { id: string }).id;
      },
    },
    payStep(guests, (status, body, context: CheckInContext) => {
      onResponse(status, body);
      if (status === 200 && context.orderId) {
        const { transferId } = JSON.parse(body) as { transferId: string };
        context.code = codes.codeFor(context.orderId, transferId);
      }
    }),
    {
      method: 'POST',
      setupRequest: (req, context: CheckInContext) => ({
        ...req,
        path: `/v1/orders/${context.orderId ?? 'missing'}/check-in`,
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${hosts[context.host!].token}`,
        },
        // No code without a paid order: the check-in then fails too (404 or 409), as it should.
        body: JSON.stringify({ code: context.code ?? '000000' }),
      }),
      onResponse: (status, body, context: CheckInContext) => {
        onResponse(status, body);
        if (status === 200 && context.code) flows.done(context.startedAt);
        else flows.failed++;
      },
    },
  ];
}

async function connect(appEnv: Record<string, string>): Promise<Connection> {
  return createConnection({
    host: appEnv.DB_HOST,
    port: Number(appEnv.DB_PORT),
    user: appEnv.DB_USER,
    password: appEnv.DB_PASSWORD,
    database: appEnv.DB_NAME,
    timezone: 'Z',
  });
}

/**
 * `count` homestays in CHECK_IN_CITY spread over the hosts (who all have a EUR account), by
 * direct inserts: through the API they would take longer than the measurement they feed.
 */
async function insertCheckInHomestays(
  db: Connection,
  hosts: Party[],
  userIds: string[],
  count: number,
): Promise<CheckInPool> {
  const homestays = Array.from({ length: count }, (_, i) => ({
    id: newId(),
    host: i % hosts.length,
  }));
  const now = new Date();
  const hex = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
  for (let i = 0; i < homestays.length; i += 1_000) {
    const rows = homestays
      .slice(i, i + 1_000)
      .map((h, j) => [
        hex(h.id),
        hex(userIds[h.host]),
        `Bench check-in stay ${i + j}`,
        'Benchmark homestay, booked once for tonight',
        CHECK_IN_CITY,
        1_000 + randomInt(9_000),
        'EUR',
        4,
        now,
        now,
      ]);
    await db.query(
      `INSERT INTO homestays (id, host_id, title, description, city, price_per_night, currency,
         max_guests, created_at, updated_at) VALUES ?`,
      [rows],
    );
  }
  return { homestays, next: 0, exhausted: 0 };
}

function row(name: string, r: Result, flows: Flows, seconds: number): string {
  return (
    `  ${name.padEnd(44)} ${(flows.completed / seconds).toFixed(1).padStart(7)} flows/s` +
    `  flow p99 ${String(flows.p99()).padStart(5)} ms  (${r.reqPerSec.toFixed(1)} req/s, request p50 ${r.p50} ms p99 ${r.p99} ms)` +
    `  errors ${r.errors}  non-2xx ${r.non2xx}  failed flows ${flows.failed}`
  );
}

/**
 * Order + pay (random homestays, dates and lengths) among 20 homestays and 40 funded guests,
 * against plain transfers between the same accounts; then order + pay + check-in (tonight, a
 * fresh homestay per flow) against order + pay. Afterwards no homestay may have two live orders
 * sharing a night, the checked-in orders must be the flows that completed, each paid out with
 * its fee, and ledger:check must pass (escrow = the paid orders).
 */
export async function stayBenchmarks(
  baseEnv: Record<string, string>,
  duration: number,
): Promise<string[]> {
  const appEnv: Record<string, string> = {
    ...baseEnv,
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    PLATFORM_FEE_BPS: String(PLATFORM_FEE_BPS),
  };
  const codes = new HmacCheckInCodes(appEnv.JWT_SECRET);
  const warmUp = Math.min(3, duration);
  const api = await startProcess(['dist/main.js'], appEnv);
  const db = await connect(appEnv);
  const failures: string[] = [];
  const checkInFailures: string[] = [];
  const orderPayFlows = new Flows();
  const checkInFlows = new Flows();
  const checkInWarmUpFlows = new Flows();
  let flow: Result;
  let transfers: Result;
  let checkInFlow: Result;
  let checkInWarmUp: Result;
  let pool: CheckInPool;
  let poolInsertMs: number;
  try {
    const stamp = Date.now().toString(36);
    const signUp = async (name: string): Promise<Party & { userId: string }> => {
      const user = await call<{ id: string }>(`${api.url}/v1/users`, 'POST', {
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
      return { userId: user.id, token: accessToken, accountId: account.id };
    };
    const hosts = await mapLimit(
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
      duration: warmUp,
      requests: orderAndPay(guests, pick, []),
    });
    flow = withNon2xxAsErrors(
      await load('order + pay (requests; 2 per flow)', api.url, {
        connections: CONNECTIONS,
        duration,
        requests: orderAndPay(guests, pick, failures, orderPayFlows),
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

    // A homestay per check-in flow (warm-up and measurement), sized from the faster of the two
    // runs above as if every one of its requests were a whole flow, twice over: a check-in flow
    // books no shared homestay, so it may well outrun order + pay.
    const ceiling = Math.max(flow.reqPerSec, transfers.reqPerSec);
    const insertStart = performance.now();
    pool = await insertCheckInHomestays(
      db,
      hosts,
      hosts.map((h) => h.userId),
      Math.ceil(ceiling * (warmUp + duration) * 2) + 2 * CONNECTIONS,
    );
    poolInsertMs = performance.now() - insertStart;
    checkInWarmUp = withNon2xxAsErrors(
      await load('warm-up', api.url, {
        connections: CONNECTIONS,
        duration: warmUp,
        requests: orderPayCheckIn(guests, hosts, pool, codes, [], checkInWarmUpFlows),
      }),
    );
    checkInFlow = withNon2xxAsErrors(
      await load('order + pay + check-in (requests; 3 per flow)', api.url, {
        connections: CONNECTIONS,
        duration,
        requests: orderPayCheckIn(guests, hosts, pool, codes, checkInFailures, checkInFlows),
      }),
    );
  } finally {
    await api.stop();
  }

  // orders and paid: the order + pay flow's (the check-in flow's are counted below).
  const [[counts]] = (await db.query(
    `SELECT COUNT(*) AS orders, COALESCE(SUM(o.status = 'paid'), 0) AS paid,
       (SELECT COUNT(*) FROM orders a JOIN orders b ON a.homestay_id = b.homestay_id AND a.id < b.id
          AND a.check_in < b.check_out AND b.check_in < a.check_out
        WHERE a.status <> 'cancelled' AND b.status <> 'cancelled') AS doubleBooked
     FROM orders o JOIN homestays h ON h.id = o.homestay_id
     WHERE h.city <> ?`,
    [CHECK_IN_CITY],
  )) as unknown as [[{ orders: number; paid: number; doubleBooked: number }]];
  // The check-in flows' orders: every checked-in one paid out amount − fee to its host and the
  // fee to revenue, its credential gone; a paid one is a flow cut off when a run stopped.
  const [[checkIns]] = (await db.query(
    `SELECT COUNT(*) AS orders, COALESCE(SUM(o.status = 'checked_in'), 0) AS checkedIn,
       COALESCE(SUM(o.status = 'paid'), 0) AS paid,
       COALESCE(SUM(o.status = 'pending_payment'), 0) AS pending,
       COALESCE(SUM(o.status = 'checked_in' AND (p.id IS NULL OR f.id IS NULL
         OR f.amount <> FLOOR(o.amount * ? / 10000) OR p.amount + f.amount <> o.amount
         OR p.kind <> 'payout' OR f.kind <> 'fee' OR c.order_id IS NOT NULL)), 0) AS badPayouts,
       COUNT(DISTINCT o.homestay_id) AS homestays
     FROM orders o JOIN homestays h ON h.id = o.homestay_id
       LEFT JOIN transfers p ON p.id = o.payout_transfer_id
       LEFT JOIN transfers f ON f.id = o.fee_transfer_id
       LEFT JOIN order_check_ins c ON c.order_id = o.id
     WHERE h.city = ?`,
    [PLATFORM_FEE_BPS, CHECK_IN_CITY],
  )) as unknown as [
    [
      {
        orders: number;
        checkedIn: number;
        paid: number;
        pending: number;
        badPayouts: number;
        homestays: number;
      },
    ],
  ];
  await db.end();

  const ledger = ledgerCheck(appEnv);
  // Each run (warm-up, measurement) stops with up to one request per connection in flight,
  // which the server may still complete unseen; a request that timed out may have, too
  // (errors less non-2xx: the timeouts and socket errors).
  const seen = checkInWarmUpFlows.completed + checkInFlows.completed;
  const unseen =
    2 * CONNECTIONS +
    (checkInWarmUp.errors - checkInWarmUp.non2xx) +
    (checkInFlow.errors - checkInFlow.non2xx);
  const checkedIn = Number(checkIns.checkedIn);
  const checkInCountOk = checkedIn >= seen && checkedIn <= seen + unseen;
  const onePerHomestay = Number(checkIns.orders) === Number(checkIns.homestays);
  const broken = [
    Number(counts.doubleBooked) > 0 && 'double booking',
    pool.exhausted > 0 && 'the check-in homestays ran out (size the pool larger)',
    !checkInCountOk && 'checked-in orders differ from the completed flows',
    !onePerHomestay && 'a check-in homestay has more than one order',
    Number(checkIns.badPayouts) > 0 && 'payouts or fees wrong',
  ].filter(Boolean);
  if (broken.length > 0) process.exitCode = 1;

  const ratio = checkInFlows.completed / Math.max(1, orderPayFlows.completed);
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
  sections.push(
    [
      `Stays with check-in: POST /v1/orders (checkIn today UTC, 1 night, a fresh homestay per flow), pay, then POST /v1/orders/:id/check-in by the host with the code, ${GUESTS} guests, ${HOSTS} hosts, PLATFORM_FEE_BPS ${PLATFORM_FEE_BPS}, ${CONNECTIONS} connections (baseline: the order + pay flow above; goal 0 errors)`,
      row('order + pay + check-in (3 requests per flow)', checkInFlow, checkInFlows, duration),
      row('order + pay (2 requests per flow)', flow, orderPayFlows, duration),
      `  ratio ${ratio.toFixed(2)} (flows/s, check-in flow / order + pay flow)`,
      `  homestays for check-in: ${pool.homestays.length} (inserted in ${Math.round(poolInsertMs)} ms), used ${Math.min(pool.next, pool.homestays.length)}, flows that found none left ${pool.exhausted}; warm-up ${checkInWarmUpFlows.completed} flows, errors ${checkInWarmUp.errors}`,
      `  check-in orders ${checkIns.orders} on ${checkIns.homestays} homestays, checked in ${checkedIn} (flows completed ${seen} incl. warm-up, up to ${unseen} more may finish unseen: ${checkInCountOk ? 'ok' : 'MISMATCH'}), paid ${checkIns.paid}, pending ${checkIns.pending}, bad payouts ${checkIns.badPayouts}`,
    ].join('\n'),
  );
  if (broken.length > 0) sections.push(`  FAILED: ${broken.join('; ')}`);
  if (checkInFailures.length > 0)
    sections.push(
      `  first non-2xx answers (check-in flow):\n${checkInFailures.map((f) => `    ${f}`).join('\n')}`,
    );
  sections.push(ledger);
  return sections;
}
