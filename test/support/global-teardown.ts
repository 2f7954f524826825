import { createConnection } from 'mysql2/promise';
import { deleteKeysMatching, testRedis } from './redis';

/** Drops the run's database and Redis keys (KEEP_E2E_DB=1 keeps them for inspection). */
export default async function globalTeardown(): Promise<void> {
  if (process.env.KEEP_E2E_DB === '1') return;
  const conn = await createConnection({
    host: process.env.DB_HOST,
    port: Number(process.env.DB_PORT),
    user: process.env.DB_USER,
    password: process.env.DB_PASSWORD,
  });
  await conn.query(`DROP DATABASE IF EXISTS \`${process.env.DB_NAME}\``);
  await conn.end();

  const redis = testRedis();
  await deleteKeysMatching(redis, `${process.env.REDIS_PREFIX}*`);
  await redis.quit();
}
