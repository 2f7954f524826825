import { loadEnvFile } from './env-file';
import { InvalidConfigurationError, validateEnvironment } from './env.schema';

/**
 * First statement of every entry point, before any module that reads the configuration is
 * loaded: reads `.env`, validates the environment and, when it is invalid, prints one line per
 * bad variable (no stack trace) and exits 1.
 */
export function loadConfigurationOrExit(): void {
  loadEnvFile();
  try {
    validateEnvironment(process.env);
  } catch (err) {
    if (!(err instanceof InvalidConfigurationError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}

/** Ends a failed start: a configuration error as its lines, anything else with its stack. */
export function exitOnStartupFailure(err: unknown): never {
  process.stderr.write(
    `${err instanceof InvalidConfigurationError ? err.message : ((err as Error)?.stack ?? String(err))}\n`,
  );
  process.exit(1);
}
