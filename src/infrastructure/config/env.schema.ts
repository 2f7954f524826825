import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { BackboneEnv } from './env/backbone.env';
import { ContextsEnv } from './env/contexts.env';
import { DatabaseEnv } from './env/database.env';
import { IdentityEnv } from './env/identity.env';
import { NotificationEnv, SmsBreakerEnv, SmsHttpProviderEnv } from './env/notification.env';
import { ObservabilityEnv, TracingEnv } from './env/observability.env';
import { OverloadEnv } from './env/overload.env';
import { DEVELOPMENT_WEBHOOK_SECRET, PaymentEnv } from './env/payment.env';
import { RedisEnv } from './env/redis.env';
import { ServerEnv } from './env/server.env';
import { SocialEnv } from './env/social.env';
import { isProduction } from './env.decorators';

export { PUBLISHED_JWT_SECRETS } from './env/identity.env';

/**
 * Every environment variable Atrium reads (API.md "Configuration" plus a few operational
 * ones), one mixin per concern in `env/`. Defaults suit development and tests. NODE_ENV unset
 * means production: then the secrets (JWT_SECRET, METRICS_TOKEN, DB_PASSWORD,
 * PAYMENT_WEBHOOK_SECRET) and PUBLIC_URL
 * have no defaults and must be set. The order of the mixins is the order of the error lines.
 */
export class EnvironmentVariables extends SocialEnv(
  PaymentEnv(
    ContextsEnv(
      OverloadEnv(
        TracingEnv(
          ObservabilityEnv(
            SmsBreakerEnv(
              SmsHttpProviderEnv('HTTP2')(
                SmsHttpProviderEnv('HTTP1')(
                  NotificationEnv(
                    BackboneEnv(IdentityEnv(RedisEnv(DatabaseEnv(ServerEnv(class {}))))),
                  ),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  ),
) {}

/**
 * Development/test defaults of variables that production must set itself; applied by
 * validateEnvironment only when NODE_ENV is development or test.
 */
const DEVELOPMENT_DEFAULTS = {
  PUBLIC_URL: (env: EnvironmentVariables) =>
    `http://localhost:${Number.isInteger(env.PORT) ? env.PORT : 3000}`,
  DB_PASSWORD: () => 'atrium',
  PAYMENT_WEBHOOK_SECRET: () => DEVELOPMENT_WEBHOOK_SECRET,
  PAYMENT_PROVIDER: (): 'sandbox' => 'sandbox',
} as const;

/** Thrown by validateEnvironment: one line per bad variable, values of secrets redacted. */
export class InvalidConfigurationError extends Error {
  constructor(readonly lines: string[]) {
    super(`Invalid configuration:\n${lines.join('\n')}`);
    this.name = 'InvalidConfigurationError';
  }
}

// A missing value only needs "is required"; when a value has the wrong type, its range checks
// only repeat the problem: show the type alone.
const TYPE_CONSTRAINTS = ['isDefined', 'isInt', 'isBoolean', 'isIn', 'isUrl', 'isEmail'];

/** Variables only the running application needs (tokens, links), never the database tools. */
const APPLICATION_ONLY = [
  'JWT_SECRET',
  'PUBLIC_URL',
  'METRICS_TOKEN',
  'ADMIN_PASSWORD',
  'PAYMENT_WEBHOOK_SECRET',
  'STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRET',
];

export interface ValidateOptions {
  /**
   * `database`: for the tools that only talk to the database (TypeORM CLI, db-create,
   * ledger:check): the application's secrets and PUBLIC_URL may be missing even in production
   * (a value that is set is still validated). Default `application`: everything.
   */
  scope?: 'application' | 'database';
}

/** Validates `process.env`; throws one line per bad variable. Used by every entry point. */
export function validateEnvironment(
  raw: Record<string, unknown>,
  options: ValidateOptions = {},
): EnvironmentVariables {
  const env = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  if (raw.NODE_ENV === 'test' && raw.BCRYPT_COST === undefined) env.BCRYPT_COST = 4;
  if (!isProduction(env)) {
    for (const [name, fallback] of Object.entries(DEVELOPMENT_DEFAULTS)) {
      const key = name as keyof typeof DEVELOPMENT_DEFAULTS;
      if (env[key] === undefined) (env as unknown as Record<string, unknown>)[key] = fallback(env);
    }
  }
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false }).filter(
    (e) =>
      !(
        options.scope === 'database' &&
        APPLICATION_ONLY.includes(e.property) &&
        raw[e.property] === undefined
      ),
  );
  if (errors.length > 0) {
    const lines = errors.map((e) => {
      const constraints = e.constraints ?? { invalid: 'is invalid' };
      const typeFailure = TYPE_CONSTRAINTS.find((k) => k in constraints);
      const messages = (typeFailure ? [constraints[typeFailure]] : Object.values(constraints)).map(
        (m) => m.replace(`${e.property} `, ''),
      );
      const shown =
        (raw[e.property] ?? '') === ''
          ? ' (unset)'
          : `=${/SECRET|PASSWORD|TOKEN/.test(e.property) ? '[redacted]' : JSON.stringify(raw[e.property])}`;
      return `  - ${e.property}${shown}: ${[...new Set(messages)].join('; ')}`;
    });
    throw new InvalidConfigurationError(lines);
  }
  return env;
}
