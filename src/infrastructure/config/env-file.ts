import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

/**
 * Loads `.env` from the working directory into process.env, once, before anything reads the
 * environment: every entry point calls it (API, worker, CLIs, the TypeORM CLI's ormconfig.ts),
 * so they all see the same configuration. Variables already set in the environment win. Test
 * runs (NODE_ENV=test in the environment) ignore the file, so a developer's `.env` can't leak
 * into the suite.
 */
export function loadEnvFile(path = '.env'): void {
  if (process.env.NODE_ENV === 'test' || !existsSync(path)) return;
  for (const [key, value] of Object.entries(parseEnv(readFileSync(path, 'utf8')))) {
    if (process.env[key] === undefined) process.env[key] = value;
  }
}
