import 'reflect-metadata';
import { withToolConnection } from './database-tool';

/**
 * node dist/cli/db-create.js — creates the configured database (DB_NAME) if it does not exist,
 * with the character set and collation the migrations expect. Used by scripts/up.sh; needs a
 * DB_USER allowed to create databases.
 */
async function main(): Promise<void> {
  const env = await withToolConnection(
    () => ({}),
    async (db, env) => {
      // DB_NAME is validated as [A-Za-z0-9_]{1,64}, so it is safe inside backquotes.
      await db.query(
        `CREATE DATABASE IF NOT EXISTS \`${env.DB_NAME}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      );
      return env;
    },
  );
  console.log(`[db-create] database ${env.DB_NAME} ready at ${env.DB_HOST}:${env.DB_PORT}`);
}

main().catch((err: Error) => {
  console.error(`[db-create] could not create the database: ${err.message}`);
  process.exit(1);
});
