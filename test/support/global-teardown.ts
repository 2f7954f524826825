import Redis from 'ioredis';
import { createConnection } from 'mysql2/promise';

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

  const redis = new Redis(process.env.REDIS_URL as string);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(
      cursor,
      'MATCH',
      `${process.env.REDIS_PREFIX}*`,
      'COUNT',
      1000,
    );
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
}
