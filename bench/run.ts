import { deleteKeysMatching, testRedis } from '../test/support/redis';
import { dbEnv, recreateDatabase } from './harness';
import { bankBenchmarks } from './bank.bench';
import { commentsBenchmarks } from './comments.bench';
import { contentBenchmarks } from './content.bench';
import { identityBenchmarks } from './identity.bench';
import { otpBenchmarks } from './otp.bench';
import { overloadBenchmarks } from './overload.bench';
import { paymentBenchmarks } from './payment.bench';
import { socialBenchmarks } from './social.bench';
import { searchBenchmarks } from './search.bench';
import { stayBenchmarks } from './stay.bench';
import { keysetBenchmarks } from './keyset.bench';
import { requestPathBenchmarks } from './request-path.bench';
import { tracingBenchmarks } from './tracing.bench';

/**
 * npm run bench: each scenario against its baseline, measured in the same run on the same
 * machine. BENCH_DURATION (seconds, default 10) per measurement; BENCH_ONLY picks suites.
 */
async function main(): Promise<void> {
  const duration = Number(process.env.BENCH_DURATION ?? 10);
  const dbName = process.env.BENCH_DB_NAME ?? 'atrium_bench';
  await recreateDatabase(dbName);
  const appEnv = {
    ...dbEnv,
    NODE_ENV: 'production',
    DB_NAME: dbName,
    DB_MIGRATE_ON_START: 'true',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `atrium-bench-${Date.now().toString(36)}:`,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    PUBLIC_URL: 'http://localhost:3000',
    METRICS_TOKEN: 'bench-metrics-token-0123456789',
    BCRYPT_COST: process.env.BENCH_BCRYPT_COST ?? '10',
    RATE_LIMIT_PER_MINUTE: '1000000',
    // The OTP benchmark sends codes to random numbers from one IP as fast as it can.
    OTP_SEND_MAX_PER_IP_PER_HOUR: '1000000',
    OTP_SEND_MAX_PER_PREFIX_PER_HOUR: '1000000',
    OTP_SEND_MAX_PER_HOUR: '10000000',
    // 32 connections order and pay as 40 random guests: a guest may have several flows in flight.
    MAX_PENDING_ORDERS: '100',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    NOTIFY_TRANSPORT: 'file',
    OUTBOX_DIR: './var/bench-outbox',
  };
  const suites: Record<
    string,
    (env: Record<string, string>, seconds: number) => Promise<string[]>
  > = {
    identity: identityBenchmarks,
    bank: bankBenchmarks,
    stay: stayBenchmarks,
    otp: otpBenchmarks,
    content: contentBenchmarks,
    overload: overloadBenchmarks,
    payment: paymentBenchmarks,
    comments: commentsBenchmarks,
    social: socialBenchmarks,
    search: searchBenchmarks,
    tracing: tracingBenchmarks,
    requestpath: requestPathBenchmarks,
    // Last: it writes a million entries that are not a ledger (ledger:check would reject them).
    keyset: keysetBenchmarks,
  };
  // BENCH_ONLY=content,stay runs a subset.
  const only = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
  const sections: string[] = [];
  try {
    for (const [name, run] of Object.entries(suites)) {
      if (only.length > 0 && !only.includes(name)) continue;
      const results = await run(appEnv, duration);
      // Printed as each suite ends too, so a later failure doesn't lose the earlier numbers.
      console.log(`\n${results.join('\n\n')}\n`);
      sections.push(...results);
    }
  } finally {
    // The apps are gone: their keys (delayed deadline jobs among them) would only pile up.
    await deleteKeys(appEnv.REDIS_URL, appEnv.REDIS_PREFIX);
  }
  console.log(`\nAtrium benchmarks (${duration}s each, ${new Date().toISOString()})\n`);
  console.log(sections.join('\n\n'));
}

/** Every key under the prefix, on every master when REDIS_CLUSTER_NODES names a cluster. */
async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = testRedis(url);
  try {
    await deleteKeysMatching(redis, `${prefix}*`);
  } finally {
    redis.disconnect();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
