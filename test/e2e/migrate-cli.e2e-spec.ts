import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { runToExit } from '../support/app';

const ROOT = join(__dirname, '..', '..');

/** A direct connection as the run's database user, without a database (to create and drop one). */
function connectServer() {
  return createConnection({
    host: process.env.DB_HOST,
    port: Number(process.env.DB_PORT),
    user: process.env.DB_USER,
    password: process.env.DB_PASSWORD,
  });
}

// node dist/cli/migrate.js is the Kubernetes migration Job's command (deploy/kubernetes).
describe('Migration command (node dist/cli/migrate.js)', () => {
  const dbName = `${process.env.DB_NAME}_migrate`;

  beforeAll(async () => {
    const server = await connectServer();
    await server.query(
      `CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    await server.end();
  });

  afterAll(async () => {
    const server = await connectServer();
    await server.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
    await server.end();
  });

  it('applies every committed migration once, even when two runs start together, and exits 0', async () => {
    // Only the database settings: the Job has no use for the application's secrets.
    const env = { DB_NAME: dbName, JWT_SECRET: undefined, METRICS_TOKEN: undefined };
    const runs = await Promise.all([
      runToExit('dist/cli/migrate.js', env),
      runToExit('dist/cli/migrate.js', env),
    ]);
    expect(runs).toEqual([
      { code: 0, stderr: '' },
      { code: 0, stderr: '' },
    ]);

    const committed = readdirSync(join(ROOT, 'dist', 'migrations')).filter((f) =>
      f.endsWith('.js'),
    );
    const server = await connectServer();
    const [rows] = (await server.query(`SELECT name FROM \`${dbName}\`.migrations`)) as any[];
    await server.end();
    expect(rows).toHaveLength(committed.length);
    expect(new Set(rows.map((r: { name: string }) => r.name)).size).toBe(committed.length);

    expect(await runToExit('dist/cli/migrate.js', env)).toEqual({ code: 0, stderr: '' });
  });

  it('exits 1 with the reason when the database cannot be reached', async () => {
    const { code, stderr } = await runToExit('dist/cli/migrate.js', {
      DB_NAME: dbName,
      DB_PORT: '1',
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^\[migrate\] .*ECONNREFUSED/);
  });
});
