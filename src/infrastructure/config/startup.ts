import { loadEnvFile } from './env-file';
import {
  EnvironmentVariables,
  InvalidConfigurationError,
  validateEnvironment,
  ValidateOptions,
} from './env.schema';

/**
 * First statement of every entry point, before any module that reads the configuration is
 * loaded: reads `.env`, validates the environment and, when it is invalid, prints one line per
 * bad variable (no stack trace) and exits 1.
 */
export function loadConfigurationOrExit(options: ValidateOptions = {}): EnvironmentVariables {
  loadEnvFile();
  try {
    return validateEnvironment(process.env, options);
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
