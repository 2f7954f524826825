import { Connection, ConnectionOptions, createConnection } from 'mysql2/promise';
import { EnvironmentVariables } from '../infrastructure/config/env.schema';
import { loadConfigurationOrExit } from '../infrastructure/config/startup';

/**
 * The start of every database tool (db-create, ledger:check): the configuration they need
 * (database scope: the application's secrets may be missing) and one connection as DB_USER,
 * closed after `work` whatever happens.
 */
export async function withToolConnection<T>(
  options: (
    env: EnvironmentVariables,
  ) => Omit<ConnectionOptions, 'host' | 'port' | 'user' | 'password'>,
  work: (db: Connection, env: EnvironmentVariables) => Promise<T>,
): Promise<T> {
  const env = loadConfigurationOrExit({ scope: 'database' });
  const db = await createConnection({
    host: env.DB_HOST,
    port: env.DB_PORT,
    user: env.DB_USER,
    password: env.DB_PASSWORD,
    ...options(env),
  });
  try {
    return await work(db, env);
  } finally {
    await db.end();
  }
}
