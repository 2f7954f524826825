import { createServer, Server as HttpServer } from 'node:http';
import type autocannon from 'autocannon';
import { fundedHolders } from './bank.bench';
import {
  AccountHolder,
  BENCH_ADMIN,
  cpuSeconds,
  keepFailures,
  load,
  randomInt,
  Result,
  startProcess,
  transferRequest,
  withNon2xxAsErrors,
} from './harness';

const USERS = 40;
const CONNECTIONS = 32;

/** The settings compared: the SDK not started, sampling nothing, 10 %, everything. */
const MODES: Array<{ name: string; env: (endpoint: string) => Record<string, string> }> = [
  { name: 'tracing off', env: () => ({}) },
  {
    // Nothing sampled: the cost of having the SDK loaded at all.
    name: 'tracing on, sampling 0',
    env: (endpoint) => ({
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0',
    }),
  },
  {
    name: 'tracing on, sampling 0.1',
    env: (endpoint) => ({
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.1',
    }),
  },
  {
    name: 'tracing on, sampling 1.0',
    env: (endpoint) => ({
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '1',
    }),
  },
];

/**
 * A stand-in for the OpenTelemetry Collector: takes OTLP/HTTP exports (protobuf, the default
 * encoding) on loopback, counts them and throws them away.
 */
async function sinkReceiver(): Promise<{
  endpoint: string;
  stats: { exports: number; bytes: number };
  close(): Promise<void>;
}> {
  const stats = { exports: 0, bytes: 0 };
  const server: HttpServer = createServer((req, res) => {
    req.on('data', (c: Buffer) => (stats.bytes += c.length));
    req.on('end', () => {
      stats.exports++;
      res.writeHead(200, { 'content-type': 'application/x-protobuf' });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface ModeRun extends Result {
  /** API process CPU milliseconds per answered request. */
  cpuMsPerRequest: number;
}

/** GET /v1/accounts/:id of a random holder, signed by that holder. */
function accountRead(holders: AccountHolder[], failures: string[]): autocannon.Request {
  return {
    method: 'GET',
    path: '/v1/accounts',
    setupRequest: (req) => {
      const h = holders[randomInt(holders.length)];
      return {
        ...req,
        path: `/v1/accounts/${h.accountId}`,
        headers: { authorization: `Bearer ${h.token}` },
      };
    },
    onResponse: keepFailures(failures),
  };
}

/**
 * The cost of tracing (docs/observability.md): one transfer between random accounts then one
 * authenticated account read per connection turn, with tracing off, and on at 0 %, 10 % and
 * 100 %, each on a fresh API process exporting to a local sink. BENCH_TRACING_ROUNDS (default
 * 2) repeats the four in turn, so drift on a shared machine falls on every mode alike; the
 * mean of each mode's rounds is compared with "off", in throughput and in the API process's CPU
 * time per request (the steadier of the two when other work shares the machine).
 */
export async function tracingBenchmarks(
  baseEnv: Record<string, string>,
  duration: number,
): Promise<string[]> {
  const rounds = Number(process.env.BENCH_TRACING_ROUNDS ?? 2);
  const appEnv: Record<string, string> = { ...baseEnv, ...BENCH_ADMIN };
  const sink = await sinkReceiver();
  const failures: string[] = [];
  const runs = new Map<string, ModeRun[]>(MODES.map((m) => [m.name, []]));
  try {
    const setup = await startProcess(['dist/main.js'], appEnv);
    let holders: AccountHolder[];
    try {
      holders = await fundedHolders(setup.url, USERS);
    } finally {
      await setup.stop();
    }
    const pair = (): [AccountHolder, AccountHolder] => {
      const from = randomInt(holders.length);
      let to = randomInt(holders.length - 1);
      if (to >= from) to++;
      return [holders[from], holders[to]];
    };
    const requests = () => [
      transferRequest(pair, 'USD', 100, failures),
      accountRead(holders, failures),
    ];
    for (let round = 0; round < rounds; round++) {
      for (const mode of MODES) {
        const api = await startProcess(['dist/main.js'], {
          ...appEnv,
          ...mode.env(sink.endpoint),
        });
        try {
          await load('warm-up', api.url, {
            connections: CONNECTIONS,
            duration: Math.min(3, duration),
            requests: requests(),
          });
          const cpuBefore = cpuSeconds(api.pid);
          const result = withNon2xxAsErrors(
            await load(mode.name, api.url, {
              connections: CONNECTIONS,
              duration,
              requests: requests(),
            }),
          );
          const cpu = cpuSeconds(api.pid) - cpuBefore;
          runs.get(mode.name)!.push({
            ...result,
            cpuMsPerRequest: (cpu * 1000) / Math.max(1, result.reqPerSec * duration),
          });
        } finally {
          await api.stop();
        }
      }
    }
  } finally {
    await sink.close();
  }

  const mean = (results: ModeRun[], name: string): ModeRun => ({
    name,
    cpuMsPerRequest: results.reduce((a, r) => a + r.cpuMsPerRequest, 0) / results.length,
    reqPerSec: results.reduce((a, r) => a + r.reqPerSec, 0) / results.length,
    p50: Math.round(results.reduce((a, r) => a + r.p50, 0) / results.length),
    p99: Math.round(results.reduce((a, r) => a + r.p99, 0) / results.length),
    errors: results.reduce((a, r) => a + r.errors, 0),
    non2xx: results.reduce((a, r) => a + r.non2xx, 0),
  });
  const summary = MODES.map((m) => mean(runs.get(m.name)!, m.name));
  const off = summary[0];
  const row = (r: ModeRun) =>
    `  ${r.name.padEnd(28)} ${r.reqPerSec.toFixed(1).padStart(9)} req/s (×${(r.reqPerSec / off.reqPerSec).toFixed(3)})  CPU ${r.cpuMsPerRequest.toFixed(2).padStart(6)} ms/request (×${(r.cpuMsPerRequest / off.cpuMsPerRequest).toFixed(3)})  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  errors ${r.errors}`;
  // The least CPU per request a mode showed: the round least disturbed by other work.
  const best = (name: string) => Math.min(...runs.get(name)!.map((r) => r.cpuMsPerRequest));
  const bestOff = best(MODES[0].name);
  const bestRows = MODES.map(
    (m) =>
      `  ${m.name.padEnd(28)} best round: CPU ${best(m.name).toFixed(2)} ms/request (×${(best(m.name) / bestOff).toFixed(3)})`,
  );
  const perRound = MODES.map(
    (m) =>
      `  ${m.name.padEnd(28)} rounds: ${runs
        .get(m.name)!
        .map((r) => `${r.reqPerSec.toFixed(1)} req/s ${r.cpuMsPerRequest.toFixed(2)} ms CPU`)
        .join(', ')}`,
  );
  // The median round: one round disturbed by other work moves it less than the mean.
  const median = (name: string) => {
    const sorted = runs
      .get(name)!
      .map((r) => r.cpuMsPerRequest)
      .sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const medianOff = median(MODES[0].name);
  const medianRows = MODES.map(
    (m) =>
      `  ${m.name.padEnd(28)} median round: CPU ${median(m.name).toFixed(2)} ms/request (×${(median(m.name) / medianOff).toFixed(3)})`,
  );
  const sections = [
    [
      `Tracing cost: POST /v1/transfers + GET /v1/accounts/:id, ${USERS} accounts, ${CONNECTIONS} connections, mean of ${rounds} round(s); the cost is the API process's CPU per request (goal: off costs nothing, 0.1 costs ≤ 5 %)`,
      ...summary.map(row),
      ...medianRows,
      ...bestRows,
      ...perRound,
      `  exported: ${sink.stats.exports} OTLP requests, ${(sink.stats.bytes / 1e6).toFixed(1)} MB`,
    ].join('\n'),
  ];
  if (failures.length > 0)
    sections.push(`  first non-2xx answers:\n${failures.map((f) => `    ${f}`).join('\n')}`);
  return sections;
}
