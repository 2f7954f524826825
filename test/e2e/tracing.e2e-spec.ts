import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from 'mysql2/promise';
import { startApp, TestApp } from '../support/app';
import { adminEnv, Bank, loginAdmin, uniqueNote } from '../support/bank';
import { connectDb, uuidToBuffer } from '../support/db';
import { PASSWORD, uniqueName } from '../support/factories';
import { eventually, waitForMail } from '../support/outbox';
import { OtlpReceiver, ReceivedSpan, tracingEnv } from '../support/otlp-receiver';
import { day, Stays } from '../support/stay';

const SERVER = 2;
const CLIENT = 3;
const PRODUCER = 4;
const CONSUMER = 5;
const TRACE_ID = /^[0-9a-f]{32}$/;

/**
 * OpenTelemetry tracing (docs/observability.md): one app exporting OTLP/HTTP JSON to a
 * receiver this test runs. A request's trace continues through the outbox (relay → job →
 * subscriber → mail), a delayed deadline job joins its order's trace, SQL spans carry
 * statements without values, and the request id, the trace id and the log lines lead to each
 * other.
 */
describe('Tracing', () => {
  let receiver: OtlpReceiver;
  let app: TestApp;
  let db: Connection;
  const env = adminEnv();

  beforeAll(async () => {
    receiver = await new OtlpReceiver().start();
    db = await connectDb();
    app = await startApp({
      ...env,
      ...tracingEnv(receiver),
      // The per-request line is written at info.
      LOG_LEVEL: 'info',
      ORDER_PAYMENT_TIMEOUT_SECONDS: '2',
      // Only the delayed payment-due job can cancel the order below.
      ORDER_SWEEP_INTERVAL_SECONDS: '3600',
    });
  });
  afterAll(async () => {
    await app?.close();
    await db?.end();
    await receiver?.stop();
  });

  /** Waits until the trace holds a span matching `match`; returns the trace's spans. */
  function traceWith(
    traceId: string,
    match: (s: ReceivedSpan) => boolean,
    what: string,
  ): Promise<ReceivedSpan[]> {
    return eventually(
      async () => {
        const spans = receiver.trace(traceId);
        return spans.some(match) ? spans : undefined;
      },
      20_000,
      `${what} in trace ${traceId}`,
    );
  }

  /** The chain of parents from `span` up to the trace's root, names only. */
  function ancestry(spans: ReceivedSpan[], span: ReceivedSpan): ReceivedSpan[] {
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const chain: ReceivedSpan[] = [];
    for (let s: ReceivedSpan | undefined = span; s; s = byId.get(s.parentSpanId ?? ''))
      chain.push(s);
    return chain;
  }

  it('registration: the verification mail is sent in the trace of POST /v1/users (request → relay → subscriber → mail)', async () => {
    const { res, email } = await register(app, 'tr');
    expect(res.status).toBe(201);
    const traceId = res.headers.get('x-trace-id')!;
    expect(traceId).toMatch(TRACE_ID);
    const requestId = res.headers.get('x-request-id')!;
    await waitForMail(email);

    const spans = await traceWith(traceId, (s) => s.name === 'mail send', 'the mail span');
    // The request id leads to the trace: the server span carries it.
    const server = spans.find((s) => s.kind === SERVER)!;
    expect(server).toBeDefined();
    expect(server.parentSpanId).toBeUndefined();
    expect(server.attributes['http.request_id']).toBe(requestId);
    expect(server.service).toBe('atrium-e2e');

    // mail send ← "<type> process" (consumer) ← "<type> publish" (producer) ← … ← the request.
    const mail = spans.find((s) => s.name === 'mail send')!;
    const chain = ancestry(spans, mail);
    expect(chain.at(-1)).toBe(server);
    const process = chain.find((s) => s.kind === CONSUMER)!;
    expect(process.name).toBe('identity.email-verification-requested process');
    expect(process.attributes['messaging.consumer.group.name']).toBe(
      'identity.send-verification-email',
    );
    const publish = chain.find((s) => s.kind === PRODUCER)!;
    expect(publish.name).toBe('identity.email-verification-requested publish');
    expect(chain.indexOf(publish)).toBeGreaterThan(chain.indexOf(process));

    // The outbox row kept the request's trace context.
    const [rows] = await db.query(
      `SELECT traceparent FROM outbox WHERE aggregate_id = ? AND type = 'identity.email-verification-requested'`,
      [uuidToBuffer(res.body.id)],
    );
    expect((rows as Array<{ traceparent: string }>)[0].traceparent).toMatch(
      new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`),
    );

    // No email address and no password in anything exported.
    const exported = receiver.raw.join('\n');
    expect(exported).not.toContain(email);
    expect(exported).not.toContain(PASSWORD);

    // The request's log line carries its trace id (and the request id finds it).
    const logFile = join(
      __dirname,
      '..',
      '..',
      'var',
      'e2e-logs',
      `app-${new URL(app.baseUrl).port}.log`,
    );
    const line = await eventually(
      async () =>
        readFileSync(logFile, 'utf8')
          .split('\n')
          .filter((l) => l.includes('"request completed"') && l.includes(requestId))
          .map((l) => JSON.parse(l) as Record<string, unknown>)[0],
      5_000,
      'the request line in the log',
    );
    expect(line).toMatchObject({ requestId, trace_id: traceId, span_id: expect.any(String) });
  });

  it('a transfer: its SQL spans carry the statements with placeholders, never the values or the token', async () => {
    const admin = await loginAdmin(app.http, env);
    const bank = new Bank(app.http, admin.accessToken);
    const { user, acc } = await bank.userWithAccounts({ EUR: 987_654 });
    const to = await bank.userWithAccounts({ EUR: 0 });
    const note = uniqueNote('secret-note');
    const res = await bank.transfer(user.accessToken, {
      fromAccountId: acc.EUR!.id,
      toAccountId: to.acc.EUR!.id,
      amount: 123_457,
      currency: 'EUR',
      note,
    });
    expect(res.status).toBe(201);
    const traceId = res.headers.get('x-trace-id')!;

    const spans = await traceWith(
      traceId,
      (s) => dbSystem(s) === 'mysql' && /INSERT INTO `?transfers/i.test(statement(s)),
      'the INSERT of the transfer',
    );
    const sql = spans.filter((s) => s.kind === CLIENT && dbSystem(s) === 'mysql');
    expect(sql.length).toBeGreaterThanOrEqual(4);
    for (const s of sql) {
      expect(statement(s)).not.toContain(note);
      expect(statement(s)).not.toMatch(/123457|987654/);
    }
    const insert = sql.find((s) => /INSERT INTO `?transfers/i.test(statement(s)))!;
    expect(statement(insert)).toContain('?');
    // Every SQL span is inside the request's trace, under its server span, which is named
    // after the route.
    const server = spans.find((s) => s.kind === SERVER)!;
    expect(server.name).toBe('POST /v1/transfers');
    expect(server.attributes['http.route']).toBe('/v1/transfers');
    for (const s of sql) expect(ancestry(spans, s).at(-1)).toBe(server);

    const exported = receiver.raw.join('\n');
    expect(exported).not.toContain(note);
    expect(exported).not.toContain(user.accessToken);
    expect(exported).not.toContain(user.email);
  });

  it('an order left unpaid: the delayed payment-due job cancels it inside the order’s trace', async () => {
    const admin = await loginAdmin(app.http, env);
    const stays = new Stays(app.http, new Bank(app.http, admin.accessToken));
    const { homestay } = await stays.host();
    const guest = await stays.guest();
    const res = await stays.order(guest.user.accessToken, {
      homestayId: homestay.id,
      checkIn: day(5),
      checkOut: day(7),
      guests: 1,
    });
    expect(res.status).toBe(201);
    const traceId = res.headers.get('x-trace-id')!;
    expect(traceId).toMatch(TRACE_ID);

    const spans = await traceWith(
      traceId,
      (s) => s.name === 'stay.order-payment-due process',
      'the payment-due job',
    );
    const process = spans.find((s) => s.name === 'stay.order-payment-due process')!;
    expect(process.attributes['messaging.consumer.group.name']).toBe('stay.cancel-unpaid-order');
    const server = spans.find((s) => s.kind === SERVER)!;
    expect(ancestry(spans, process).at(-1)).toBe(server);
    const publish = ancestry(spans, process).find((s) => s.kind === PRODUCER)!;
    expect(publish.attributes['atrium.event.delay_ms']).toBeGreaterThan(0);
    // The cancellation's own SQL runs under the job's span.
    await traceWith(
      traceId,
      (s) => s.parentSpanId === process.spanId && /UPDATE `?orders/i.test(statement(s)),
      'the cancelling UPDATE under the job',
    );
    const order = await stays.get(guest.user.accessToken, res.body.id);
    expect(order).toMatchObject({ status: 'cancelled', cancelReason: 'payment_timeout' });
  });

  it('an error answer: its requestId is on the trace that X-Trace-Id names', async () => {
    const res = await app.http.get('/v1/accounts/00000000-0000-7000-8000-000000000000', {
      token: 'not-a-token',
    });
    expect(res.status).toBe(401);
    const traceId = res.headers.get('x-trace-id')!;
    expect(traceId).toMatch(TRACE_ID);
    const spans = await traceWith(traceId, (s) => s.kind === SERVER, 'the server span');
    expect(spans.find((s) => s.kind === SERVER)!.attributes['http.request_id']).toBe(
      res.body.requestId,
    );
    expect(receiver.raw.join('\n')).not.toContain('not-a-token');
  });
});

/** POST /v1/users for a new user named after `prefix`: the answer and the user's email. */
async function register(app: TestApp, prefix: string) {
  const username = uniqueName(prefix);
  const email = `${username}@example.com`;
  const res = await app.http.post<{ id: string }>('/v1/users', {
    username,
    email,
    password: PASSWORD,
    fullName: 'Trace Test',
  });
  return { res, email };
}

function dbSystem(span: ReceivedSpan): unknown {
  return span.attributes['db.system.name'] ?? span.attributes['db.system'];
}

function statement(span: ReceivedSpan): string {
  return String(span.attributes['db.query.text'] ?? span.attributes['db.statement'] ?? '');
}

/**
 * Sampling decided at the edge (docs/observability.md, "What tracing costs"): with a ratio of 0
 * a request that starts a trace records nothing, and the work it hands to the outbox stays
 * unsampled too, while a request whose caller sampled it (a `traceparent` with the sampled flag)
 * is traced, under the caller's span.
 */
describe('Tracing with sampling 0', () => {
  let receiver: OtlpReceiver;
  let app: TestApp;
  let db: Connection;

  beforeAll(async () => {
    receiver = await new OtlpReceiver().start();
    db = await connectDb();
    app = await startApp({ ...tracingEnv(receiver, '0'), LOG_LEVEL: 'info' });
  });
  afterAll(async () => {
    await app?.close();
    await db?.end();
    await receiver?.stop();
  });

  it('an unsampled registration exports no span, not even from its outbox job; a caller-sampled request is traced', async () => {
    const { res, email } = await register(app, 'tz');
    expect(res.status).toBe(201);
    expect(res.headers.get('x-trace-id')).toBeNull();
    // The outbox row carries an unsampled context (flags 00), so the relay and the subscriber
    // follow the request's decision instead of starting traces of their own.
    const [rows] = await db.query(
      'SELECT traceparent FROM outbox WHERE type = ? AND aggregate_id = ?',
      ['identity.email-verification-requested', uuidToBuffer(res.body.id)],
    );
    const row = (rows as Array<{ traceparent: string | null }>)[0];
    expect(row.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
    // The subscriber has run: the mail is out.
    await waitForMail(email);

    // A caller that sampled its own trace: this request joins it.
    const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpan = '00f067aa0ba902b7';
    const me = await app.http.get(`/v1/users/${res.body.id}`, {
      headers: { traceparent: `00-${callerTrace}-${callerSpan}-01` },
    });
    expect(me.status).toBe(200);
    expect(me.headers.get('x-trace-id')).toBe(callerTrace);
    const spans = await eventually(
      async () => {
        const found = receiver.trace(callerTrace);
        return found.some((s) => s.kind === SERVER) ? found : undefined;
      },
      20_000,
      'the caller-sampled request',
    );
    const server = spans.find((s) => s.kind === SERVER)!;
    expect(server.parentSpanId).toBe(callerSpan);
    expect(server.name).toBe('GET /v1/users/:id');
    // Spans leave in the order they end: the registration, its relay and its subscriber ended
    // before this request began, and none of them was exported.
    expect(new Set(receiver.spans.map((s) => s.traceId))).toEqual(new Set([callerTrace]));
  });
});

/**
 * Spans still buffered when the process stops are exported on its way out: the batch processor
 * is set to wait ten minutes, so only the shutdown's flush can deliver them.
 */
describe('Tracing at shutdown', () => {
  it('a job finished just before SIGTERM still reaches the collector', async () => {
    const receiver = await new OtlpReceiver().start();
    try {
      const app = await startApp({ ...tracingEnv(receiver), OTEL_BSP_SCHEDULE_DELAY: '600000' });
      let traceId: string;
      try {
        const { res, email } = await register(app, 'ts');
        expect(res.status).toBe(201);
        traceId = res.headers.get('x-trace-id')!;
        await waitForMail(email);
        expect(receiver.trace(traceId)).toEqual([]);
      } finally {
        await app.close();
      }
      const names = receiver.trace(traceId).map((s) => s.name);
      expect(names).toEqual(expect.arrayContaining(['POST /v1/users', 'mail send']));
    } finally {
      await receiver.stop();
    }
  });
});
