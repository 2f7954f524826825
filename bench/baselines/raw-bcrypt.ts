import * as bcrypt from 'bcrypt';

/**
 * The baseline for POST /v1/auth/login: bcrypt.compare at the same cost, as fast as the
 * thread pool allows (in-flight = its size), no HTTP at all. Prints ops/s as JSON.
 */
async function main(): Promise<void> {
  const cost = Number(process.env.BCRYPT_COST);
  const seconds = Number(process.env.DURATION);
  const hash = await bcrypt.hash('correct-horse-42', cost);
  const inFlight = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
  const latencies: number[] = [];
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (Date.now() < end) {
        const started = performance.now();
        await bcrypt.compare('correct-horse-42', hash);
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]);
  process.stdout.write(
    JSON.stringify({ reqPerSec: latencies.length / seconds, p50: pct(0.5), p99: pct(0.99) }),
  );
}

void main();
