import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { baseTestEnv } from './test-env';

/** A fresh database per run, migrated by the real TypeORM CLI with the committed migrations. */
export default async function globalSetup(): Promise<void> {
  const env = baseTestEnv();
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const dbName = `atrium_e2e_${runId}`;
  Object.assign(process.env, env, {
    DB_NAME: dbName,
    REDIS_PREFIX: `atrium-e2e-${runId}:`,
    OUTBOX_DIR: join(__dirname, '..', '..', 'var', `e2e-${runId}`),
  });

  const conn = await createConnection({
    host: env.DB_HOST,
    port: Number(env.DB_PORT),
    user: env.DB_USER,
    password: env.DB_PASSWORD,
  });
  await conn.query(
    `CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
  );
  await conn.end();

  const root = join(__dirname, '..', '..');
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules', 'typeorm', 'cli-ts-node-commonjs.js'),
      'migration:run',
      '-d',
      'ormconfig.ts',
    ],
    {
      cwd: root,
      env: process.env,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}
