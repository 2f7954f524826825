import { Agent, request } from 'node:http';
import { readFileSync } from 'node:fs';
import { fundedHolders } from './bank.bench';
import { AccountHolder, BENCH_ADMIN, ledgerCheck, randomInt, startProcess } from './harness';

const USERS = 40;
const CONNECTIONS = 32;
const OVERLOAD_FACTOR = 3;
const OVERLOAD_SECONDS = 20;
const REQUEST_TIMEOUT_MS = 30_000;
const SOCKETS = 256;

interface Sample {
  /** ms since the run started, when the request was due. */
  at: number;
  status: number;
  /** ms from when the request was due to its answer (open loop: includes any client queueing). */
  latency: number;
}

interface Run {
  seconds: number;
  samples: Sample[];
}

/**
 * A load generator of its own: autocannon's `overallRate` sends each connection's quota in a
 * burst at the start of every second, which is a train of bursts, not a rate. This one sends
 * requests evenly spaced (open loop, latency counted from when each request was due, so a slow
 * server cannot slow the arrivals down) or keeps N requests going (closed loop).
 */
class Transfers {
  // Like a load balancer: a bounded pool of persistent connections, opened before the run
  // (warmSockets), so the measure is of the API, not of a storm of TCP handshakes. A request
  // that finds every connection busy waits in the client, and that wait counts in its latency.
  private readonly agent = new Agent({ keepAlive: true, maxSockets: SOCKETS, scheduling: 'fifo' });
  private readonly url: URL;

  constructor(
    base: string,
    private readonly holders: AccountHolder[],
  ) {
    this.url = new URL('/v1/transfers', base);
  }

  private one(): Promise<number> {
    const from = randomInt(this.holders.length);
    let to = randomInt(this.holders.length - 1);
    if (to >= from) to++;
    const body = JSON.stringify({
      fromAccountId: this.holders[from].accountId,
      toAccountId: this.holders[to].accountId,
      amount: 1 + randomInt(100),
      currency: 'USD',
    });
    return new Promise((resolve) => {
      const req = request(
        this.url,
        {
          method: 'POST',
          agent: this.agent,
          timeout: REQUEST_TIMEOUT_MS,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            authorization: `Bearer ${this.holders[from].token}`,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', () => resolve(0));
        },
      );
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(0));
      req.end(body);
    });
  }

  /** Opens SOCKETS keep-alive connections (concurrent GET /health/live). */
  async warmSockets(): Promise<void> {
    const health = new URL('/health/live', this.url);
    await Promise.all(
      Array.from(
        { length: SOCKETS },
        () =>
          new Promise<void>((resolve) => {
            const req = request(health, { agent: this.agent }, (res) => {
              res.resume();
              res.on('end', () => setTimeout(resolve, 200));
            });
            req.on('error', () => resolve());
            req.end();
          }),
      ),
    );
  }

  async closedLoop(connections: number, seconds: number): Promise<Run> {
    const samples: Sample[] = [];
    const start = performance.now();
    const end = start + seconds * 1000;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < end) {
          const due = performance.now();
          const status = await this.one();
          samples.push({ at: due - start, status, latency: performance.now() - due });
        }
      }),
    );
    return { seconds, samples };
  }

  async openLoop(ratePerSecond: number, seconds: number): Promise<Run> {
    const samples: Sample[] = [];
    const pending: Array<Promise<void>> = [];
    const start = performance.now();
    const total = Math.round(ratePerSecond * seconds);
    let sent = 0;
    while (sent < total) {
      const now = performance.now();
      const due = Math.min(total, Math.floor(((now - start) / 1000) * ratePerSecond));
      for (; sent < due; sent++) {
        const dueAt = (sent * 1000) / ratePerSecond;
        pending.push(
          this.one().then((status) => {
            samples.push({ at: dueAt, status, latency: performance.now() - start - dueAt });
          }),
        );
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    await Promise.all(pending);
    return { seconds, samples };
  }

  close(): void {
    this.agent.destroy();
  }
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (v: number) => (Number.isNaN(v) ? 'n/a' : `${v.toFixed(1)} ms`);

function statusCounts(samples: Sample[]): string {
  const counts = new Map<number, number>();
  for (const s of samples) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, n]) => `${status === 0 ? 'no answer' : status}: ${n}`)
    .join(', ');
}

function summary(label: string, run: Run): { line: string; admittedP99: number; rate: number } {
  const ok = run.samples.filter((s) => s.status >= 200 && s.status < 300);
  const admittedP99 = percentile(
    ok.map((s) => s.latency),
    99,
  );
  const rate = ok.length / run.seconds;
  const line =
    `  ${label.padEnd(46)} ${rate.toFixed(1).padStart(8)} ok/s  ` +
    `p50 ${ms(
      percentile(
        ok.map((s) => s.latency),
        50,
      ),
    )}  p99 ${ms(admittedP99)}  [${statusCounts(run.samples)}]`;
  return { line, admittedP99, rate };
}

/** Peak resident set size of a process (Linux: VmHWM), in MiB. */
function peakRssMiB(pid: number): string {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? `${(Number(kb) / 1024).toFixed(0)} MiB` : 'n/a';
  } catch {
    return 'n/a';
  }
}

/**
 * Overload: the sustainable rate of POST /v1/transfers (closed loop, 32 requests in flight, the
 * bank scenario's load), then 3× that rate, evenly spaced, for 20 s against the instance with its
 * default shedding thresholds; then the 32-in-flight load again (recovery), then ledger:check.
 */
export async function overloadBenchmarks(
  baseEnv: Record<string, string>,
  duration: number,
): Promise<string[]> {
  const appEnv: Record<string, string> = { ...baseEnv, ...BENCH_ADMIN };
  const api = await startProcess(['dist/main.js'], appEnv);
  const sections: string[] = [];
  try {
    const holders = await fundedHolders(api.url, USERS);
    const load = new Transfers(api.url, holders);
    try {
      await load.closedLoop(CONNECTIONS, Math.min(3, duration)); // warm-up
      const unloaded = summary(
        `sustainable: ${CONNECTIONS} in flight, ${duration}s`,
        await load.closedLoop(CONNECTIONS, duration),
      );
      const rate = Math.round(unloaded.rate * OVERLOAD_FACTOR);
      await load.warmSockets();
      const overloadRun = await load.openLoop(rate, OVERLOAD_SECONDS);
      const overload = summary(
        `overload: ${rate} req/s offered, ${OVERLOAD_SECONDS}s`,
        overloadRun,
      );
      const recovery = summary(
        `recovery: ${CONNECTIONS} in flight, 5s`,
        await load.closedLoop(CONNECTIONS, 5),
      );

      // BENCH_OVERLOAD_TRACE=1: the overload run second by second.
      if (process.env.BENCH_OVERLOAD_TRACE) {
        for (let second = 0; second < OVERLOAD_SECONDS; second++) {
          const inSecond = overloadRun.samples.filter(
            (s) => s.at >= second * 1000 && s.at < (second + 1) * 1000,
          );
          const lat = (st: (s: Sample) => boolean) => inSecond.filter(st).map((s) => s.latency);
          console.log(
            `  t=${second}s ok ${lat((s) => s.status < 300).length} p99 ${ms(
              percentile(
                lat((s) => s.status < 300),
                99,
              ),
            )}` +
              `  503 ${lat((s) => s.status === 503).length} p50 ${ms(
                percentile(
                  lat((s) => s.status === 503),
                  50,
                ),
              )} p99 ${ms(
                percentile(
                  lat((s) => s.status === 503),
                  99,
                ),
              )}`,
          );
        }
      }
      const shed = overloadRun.samples.filter((s) => s.status === 503);
      const otherFailures = overloadRun.samples.filter(
        (s) => s.status !== 503 && (s.status >= 500 || s.status === 0),
      );
      const firstShed = shed.length > 0 ? Math.min(...shed.map((s) => s.at)) : NaN;
      const ratio = overload.admittedP99 / unloaded.admittedP99;
      sections.push(
        [
          `Overload: POST /v1/transfers at ${OVERLOAD_FACTOR}× the sustainable rate (goal: admitted p99 ≤ 2× unloaded, excess shed with 503 in a few ms, no other 5xx, ledger balanced)`,
          unloaded.line,
          overload.line,
          recovery.line,
          `  admitted p99 / unloaded p99: ${ratio.toFixed(2)}`,
          `  shed: ${shed.length} of ${overloadRun.samples.length} (${((100 * shed.length) / Math.max(1, overloadRun.samples.length)).toFixed(1)}%), ` +
            `503 answered in p50 ${ms(
              percentile(
                shed.map((s) => s.latency),
                50,
              ),
            )} / p99 ${ms(
              percentile(
                shed.map((s) => s.latency),
                99,
              ),
            )}, ` +
            `first 503 ${ms(firstShed)} after the overload began`,
          `  5xx other than 503, or no answer: ${otherFailures.length}`,
          `  peak RSS of the API process: ${peakRssMiB(api.pid)}`,
        ].join('\n'),
      );
    } finally {
      load.close();
    }
  } finally {
    await api.stop();
  }
  sections.push(ledgerCheck(appEnv));
  return sections;
}
