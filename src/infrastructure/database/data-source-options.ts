import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { EnvironmentVariables } from '../config/env.schema';

const REPLICA_RETRY_MS = 5_000;

/** `DB_REPLICA_HOSTS` (`host[:port],…`) as connection targets; a missing port is the primary's. */
export function replicaHosts(
  list: string,
  defaultPort: number,
): Array<{ host: string; port: number }> {
  return list
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [host, port] = entry.split(':');
      return { host, port: port ? Number(port) : defaultPort };
    });
}

/**
 * One definition of the connection, shared by the app and the TypeORM CLI (ormconfig.ts).
 * `synchronize` is never on: the schema only changes through committed migrations.
 */
export function dataSourceOptions(
  env: EnvironmentVariables,
  migrationsDir?: string,
): DataSourceOptions {
  const primary = {
    host: env.DB_HOST,
    port: env.DB_PORT,
    username: env.DB_USER,
    password: env.DB_PASSWORD,
    database: env.DB_NAME,
  };
  const replicas = replicaHosts(env.DB_REPLICA_HOSTS, env.DB_PORT);
  return {
    type: 'mysql',
    ...(replicas.length === 0
      ? primary
      : {
          replication: {
            master: primary,
            slaves: replicas.map((r) => ({ ...primary, ...r })),
            // TypeORM would send the SELECTs it builds to a replica: a read that may lag is
            // declared, never the default (Sql.fromReplica()).
            defaultMode: 'master',
            // A replica that fails to connect leaves the rotation for a while instead of for
            // good (mysql2's default); meanwhile its reads go to the primary.
            removeNodeErrorCount: 1,
            restoreNodeTimeout: REPLICA_RETRY_MS,
          },
        }),
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: false,
    // DATE columns (calendar dates: a birthday, a check-in day) arrive as 'YYYY-MM-DD' text, the
    // domain's own type: never through a JavaScript Date, so no time zone can shift them.
    // DATETIME columns stay Dates (UTC, timezone 'Z').
    dateStrings: ['DATE'],
    connectTimeout: 3000,
    // mysql2 otherwise captures a stack trace for every query (a few % of a cheap request's
    // CPU); failed statements are translated at the edge and logged with their own stack.
    trace: false,
    poolSize: env.DB_POOL_SIZE,
    extra: {
      // Fail fast when the database is gone instead of queueing requests forever.
      queueLimit: 200,
      enableKeepAlive: true,
      connectionLimit: env.DB_POOL_SIZE,
    },
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'migrations',
    entities: [join(__dirname, '..', 'persistence', '**', '*.orm-entity.{ts,js}')],
    migrations: [join(migrationsDir ?? join(process.cwd(), 'dist', 'migrations'), '*.js')],
    // Failed statements are translated and logged by the HTTP edge; TypeORM's own log would
    // print their parameter values.
    logging: false,
  };
}
