import { dbEnv, recreateDatabase } from './harness';
import { bankBenchmarks } from './bank.bench';
import { identityBenchmarks } from './identity.bench';

/**
 * npm run bench: each scenario against its baseline, measured in the same run on the same
 * machine. BENCH_DURATION (seconds, default 10) per measurement.
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
    BCRYPT_COST: process.env.BENCH_BCRYPT_COST ?? '10',
    RATE_LIMIT_PER_MINUTE: '1000000',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    NOTIFY_TRANSPORT: 'file',
    OUTBOX_DIR: './var/bench-outbox',
  };
  const sections = await identityBenchmarks(appEnv, duration);
  sections.push(...(await bankBenchmarks(appEnv, duration)));
  console.log(`\nAtrium benchmarks (${duration}s each, ${new Date().toISOString()})\n`);
  console.log(sections.join('\n\n'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
