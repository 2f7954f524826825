import { plainToInstance, Transform } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsIn,
  IsNotIn,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
  validateSync,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { BooleanVar, emptyToUndefined, IntegerVar } from './env.decorators';


/** development and test may run on built-in defaults; anything else (NODE_ENV unset too) is production. */
const isProduction = (env: EnvironmentVariables) => env.NODE_ENV === 'production';

const REQUIRED_IN_PRODUCTION = 'is required unless NODE_ENV is development or test (unset NODE_ENV means production)';

/**
 * JWT secrets that were ever published (the development fallback, the old compose default):
 * anyone can sign tokens with them, so no instance may run with one.
 */
export const PUBLISHED_JWT_SECRETS = [
  'atrium-development-secret-do-not-use-in-production',
  'change-me-in-production-please-32chars',
];

/** The development admin password printed by scripts/up.sh and the README. */
const PUBLISHED_ADMIN_PASSWORDS = ['Admin12345'];

/**
 * Development/test defaults of variables that production must set itself; applied by
 * validateEnvironment only when NODE_ENV is development or test.
 */
const DEVELOPMENT_DEFAULTS = {
  PUBLIC_URL: (env: EnvironmentVariables) => `http://localhost:${Number.isInteger(env.PORT) ? env.PORT : 3000}`,
  DB_PASSWORD: () => 'atrium',
} as const;

/**
 * Every environment variable Atrium reads (API.md "Configuration" plus a few operational
 * ones). Defaults suit development and tests. NODE_ENV unset means production: then the
 * secrets (JWT_SECRET, METRICS_TOKEN, DB_PASSWORD) and PUBLIC_URL have no defaults and must be set.
 */
export class EnvironmentVariables {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'production';

  @IntegerVar(0, 65535)
  PORT = 3000;

  @IsString()
  @MinLength(1)
  HOST = '0.0.0.0';

  @IsString()
  @MinLength(1)
  DB_HOST = '127.0.0.1';

  @IntegerVar(1, 65535)
  DB_PORT = 3306;

  @IsString()
  @MinLength(1)
  DB_USER = 'atrium';

  /** Required in production; `atrium` in development and test. An explicit empty value is allowed. */
  @IsDefined({ message: REQUIRED_IN_PRODUCTION })
  @IsString()
  DB_PASSWORD!: string;

  @IsString()
  @Matches(/^[A-Za-z0-9_]{1,64}$/, { message: 'must be 1-64 characters of A-Z, a-z, 0-9 and _' })
  DB_NAME = 'atrium';

  @IntegerVar(1, 500)
  DB_POOL_SIZE = 20;

  @BooleanVar()
  DB_MIGRATE_ON_START = false;

  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every Redis key (cache, locks, queues), so several deployments can share one Redis. */
  @IsString()
  @Matches(/^[A-Za-z0-9:_-]{1,64}$/, {
    message: 'must be 1-64 characters of A-Z, a-z, 0-9, :, _ and -',
  })
  REDIS_PREFIX = 'atrium:';

  /**
   * Signs access tokens (and keys the OTP HMAC and the deferred-SMS sealer). Required in
   * production; development and test fall back to a fixed development secret.
   */
  @Transform(emptyToUndefined)
  @ValidateIf((env: EnvironmentVariables) => isProduction(env) || env.JWT_SECRET !== undefined)
  @IsDefined({ message: `${REQUIRED_IN_PRODUCTION}; at least 32 random characters, e.g. openssl rand -base64 48` })
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  @IsNotIn(PUBLISHED_JWT_SECRETS, {
    message: 'is a published example value anyone could sign tokens with; generate one, e.g. openssl rand -base64 48',
  })
  JWT_SECRET?: string;

  @IsIn(['HS256', 'HS384', 'HS512'])
  JWT_ALGORITHM: 'HS256' | 'HS384' | 'HS512' = 'HS256';

  @IntegerVar(30, 86_400)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @IntegerVar(60, 31_536_000)
  REFRESH_TOKEN_TTL_SECONDS = 604_800;

  @IntegerVar(4, 15)
  BCRYPT_COST = 12;

  @IntegerVar(1, 86_400)
  ORDER_PAYMENT_TIMEOUT_SECONDS = 900;

  @IntegerVar(1, 86_400)
  RANKING_INTERVAL_SECONDS = 60;

  @IntegerVar(1, 1_000_000)
  RATE_LIMIT_PER_MINUTE = 600;

  @IntegerVar(1, 1000)
  LOGIN_MAX_FAILURES = 5;

  @IntegerVar(1, 86_400)
  LOGIN_FAILURE_WINDOW_SECONDS = 900;

  @BooleanVar()
  WORKERS_ENABLED = true;

  /** How often an idle outbox relay looks for new rows (a full batch is followed at once). */
  @IntegerVar(10, 60_000)
  OUTBOX_POLL_INTERVAL_MS = 200;

  @IntegerVar(1, 1000)
  OUTBOX_BATCH_SIZE = 100;

  /** Published outbox rows (and subscriber dedupe marks) are deleted after this many hours. */
  @IntegerVar(1, 8760)
  OUTBOX_RETENTION_HOURS = 72;

  /** Attempts of each event job before it goes to the dead-letter queue. */
  @IntegerVar(1, 100)
  QUEUE_ATTEMPTS = 8;

  /** First retry delay; each further attempt doubles it (exponential backoff). */
  @IntegerVar(10, 3_600_000)
  QUEUE_BACKOFF_MS = 1000;

  /**
   * Only for Idempotency-Key claims committed by older versions (which claimed in a transaction of
   * their own; during a rolling deploy): a retry takes such a claim over after this long. Claims
   * now live in the business transaction, so a crash or lost connection releases them at once.
   */
  @IntegerVar(1, 3600)
  IDEMPOTENCY_CLAIM_TTL_SECONDS = 30;

  /** Event jobs handled in parallel per worker process. */
  @IntegerVar(1, 256)
  QUEUE_CONCURRENCY = 8;

  /** true only behind a reverse proxy that sets X-Forwarded-For; else clients could spoof their IP. */
  @BooleanVar()
  TRUST_PROXY = false;

  @IsIn(['smtp', 'file'])
  NOTIFY_TRANSPORT: 'smtp' | 'file' = 'file';

  @IsString()
  @MinLength(1)
  OUTBOX_DIR = './var/outbox';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false, require_protocol: true })
  SMTP_URL?: string;

  /** Base of links in emails. Required in production; http://localhost:<PORT> in development and test. */
  @IsDefined({ message: `${REQUIRED_IN_PRODUCTION}: the public base URL of links in emails` })
  @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_URL!: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsEmail()
  ADMIN_EMAIL?: string;

  @Transform(emptyToUndefined)
  @ValidateIf((env: EnvironmentVariables) => env.ADMIN_EMAIL !== undefined)
  @IsString({ message: 'is required when ADMIN_EMAIL is set' })
  @MinLength(8)
  @MaxLength(72)
  @ValidateBy({
    name: 'notPublishedInProduction',
    validator: {
      validate: (value: unknown, args) =>
        !isProduction(args?.object as EnvironmentVariables) ||
        !PUBLISHED_ADMIN_PASSWORDS.includes(String(value)),
      defaultMessage: () => 'is the published development password; choose another one in production',
    },
  })
  ADMIN_PASSWORD?: string;

  /** Comma-separated allowed origins; `*` allows any; empty disables CORS. */
  @IsString()
  CORS_ORIGINS = '';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>` when set. Required in production;
   * in development and test, unset leaves /metrics open (still under the per-IP rate limit).
   */
  @Transform(emptyToUndefined)
  @ValidateIf((env: EnvironmentVariables) => isProduction(env) || env.METRICS_TOKEN !== undefined)
  @IsDefined({ message: `${REQUIRED_IN_PRODUCTION}; 16+ random characters, e.g. openssl rand -hex 24` })
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  @Matches(/^[\x21-\x7e]+$/, { message: 'must be printable ASCII without spaces (it travels in a Bearer header)' })
  METRICS_TOKEN?: string;

  // --- stays ---
  /** How often a worker process cancels unpaid orders past payBefore whose delayed job was lost. */
  @IntegerVar(1, 3600)
  ORDER_SWEEP_INTERVAL_SECONDS = 2;

  /** Unpaid orders a guest may hold at once (each holds its dates until paid or cancelled). */
  @IntegerVar(1, 1000)
  MAX_PENDING_ORDERS = 3;

  // ── identity: email verification, SMS one-time codes, mail/SMS transports ──

  /** Lifetime of an email verification link. */
  @IntegerVar(1, 2_592_000)
  EMAIL_VERIFICATION_TTL_SECONDS = 86_400;

  /** At most one verification email per user per this many seconds ... */
  @IntegerVar(1, 86_400)
  EMAIL_VERIFICATION_RESEND_SECONDS = 60;

  /** ... and at most this many per user per hour. */
  @IntegerVar(1, 1000)
  EMAIL_VERIFICATION_MAX_PER_HOUR = 5;

  @IntegerVar(1, 86_400)
  OTP_TTL_SECONDS = 600;

  @IntegerVar(1, 86_400)
  OTP_RESEND_SECONDS = 60;

  @IntegerVar(1, 100)
  OTP_MAX_ATTEMPTS = 3;

  // SMS pumping: hourly quotas on codes sent (fixed one-hour windows from the first send, counted
  // in Redis across instances). Over any of them → 429 RATE_LIMITED with Retry-After.

  /** Codes per client IP (an IPv6 client counts per /64) per hour. */
  @IntegerVar(1, 1_000_000)
  OTP_SEND_MAX_PER_IP_PER_HOUR = 20;

  /** Codes per number prefix (the first OTP_SEND_PREFIX_DIGITS digits of the E.164 number) per hour. */
  @IntegerVar(1, 1_000_000)
  OTP_SEND_MAX_PER_PREFIX_PER_HOUR = 100;

  /** Digits, country code included, that make a number's prefix (7: +1 415 555 xxxx → 1415555). */
  @IntegerVar(1, 15)
  OTP_SEND_PREFIX_DIGITS = 7;

  /** The global budget: codes per hour, all numbers together (caps the SMS bill). */
  @IntegerVar(1, 10_000_000)
  OTP_SEND_MAX_PER_HOUR = 1000;

  /** Sender of outgoing mail. */
  @IsString()
  @MinLength(3)
  MAIL_FROM = 'Atrium <no-reply@atrium.local>';

  /** SMTP connect/greeting/socket timeout. */
  @IntegerVar(100, 600_000)
  SMTP_TIMEOUT_MS = 10_000;

  /** SMS providers in failover order: `file`, `http1`, `http2`. */
  @Matches(/^(file|http1|http2)(,(file|http1|http2))*$/, {
    message: 'must be a comma-separated list of file, http1, http2',
  })
  SMS_PROVIDERS = 'file';

  @Transform(emptyToUndefined)
  @ValidateIf((env: EnvironmentVariables) => env.SMS_PROVIDERS?.split(',').includes('http1'))
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'is required (an http(s) URL) when SMS_PROVIDERS includes http1' })
  SMS_HTTP1_URL?: string;

  @IsString()
  SMS_HTTP1_TOKEN = '';

  /** JSON body; `{{to}}` and `{{text}}` are replaced by JSON-escaped values. */
  @IsString()
  @MinLength(2)
  SMS_HTTP1_BODY_TEMPLATE = '{"to":"{{to}}","text":"{{text}}"}';

  @IntegerVar(50, 60_000)
  SMS_HTTP1_TIMEOUT_MS = 3000;

  @IntegerVar(1, 10_000)
  SMS_HTTP1_RATE_PER_SECOND = 10;

  @Transform(emptyToUndefined)
  @ValidateIf((env: EnvironmentVariables) => env.SMS_PROVIDERS?.split(',').includes('http2'))
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'is required (an http(s) URL) when SMS_PROVIDERS includes http2' })
  SMS_HTTP2_URL?: string;

  @IsString()
  SMS_HTTP2_TOKEN = '';

  @IsString()
  @MinLength(2)
  SMS_HTTP2_BODY_TEMPLATE = '{"to":"{{to}}","text":"{{text}}"}';

  @IntegerVar(50, 60_000)
  SMS_HTTP2_TIMEOUT_MS = 3000;

  @IntegerVar(1, 10_000)
  SMS_HTTP2_RATE_PER_SECOND = 10;

  /** A provider's breaker opens when at least this share of its calls in the window failed ... */
  @IntegerVar(1, 100)
  SMS_BREAKER_ERROR_PERCENT = 50;

  /** ... and the window holds at least this many calls ... */
  @IntegerVar(1, 10_000)
  SMS_BREAKER_VOLUME_THRESHOLD = 5;

  /** ... counted over this rolling window. */
  @IntegerVar(100, 3_600_000)
  SMS_BREAKER_WINDOW_MS = 10_000;

  /** An open breaker lets one trial call through (half-open) after this long. */
  @IntegerVar(50, 3_600_000)
  SMS_BREAKER_RESET_MS = 30_000;

  // --- Overload shedding (HTTP edge, src/infrastructure/http/overload.ts) -------------------
  // Past these, requests (health checks and /metrics excepted) get 503 OVERLOADED at once.
  // 0 turns a check off. Under NODE_ENV=test a check the environment does not set is off.

  /**
   * Requests in progress at once in this process. About twice DB_POOL_SIZE: past that, requests
   * only queue for a database connection, and their latency with them.
   */
  @IntegerVar(0, 1_000_000)
  OVERLOAD_MAX_IN_FLIGHT = 40;

  /** Mean event-loop delay over the last second, in milliseconds. */
  @IntegerVar(0, 60_000)
  OVERLOAD_MAX_EVENT_LOOP_DELAY_MS = 1000;

  /** Heap used, in percent of V8's heap limit. */
  @IntegerVar(0, 100)
  OVERLOAD_MAX_HEAP_USED_PERCENT = 90;

  /** Retry-After of 503 OVERLOADED, in seconds. */
  @IntegerVar(1, 3600)
  OVERLOAD_RETRY_AFTER_SECONDS = 1;
}

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
const APPLICATION_ONLY = ['JWT_SECRET', 'PUBLIC_URL', 'METRICS_TOKEN', 'ADMIN_PASSWORD'];

export interface ValidateOptions {
  /**
   * `database`: for the tools that only talk to the database (TypeORM CLI, db-create,
   * ledger:check): the application's secrets and PUBLIC_URL may be missing even in production
   * (a value that is set is still validated). Default `application`: everything.
   */
  scope?: 'application' | 'database';
}

/** Validates `process.env`; throws one line per bad variable. Used by every entry point. */
export function validateEnvironment(raw: Record<string, unknown>, options: ValidateOptions = {}): EnvironmentVariables {
  const env = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  if (raw.NODE_ENV === 'test' && raw.BCRYPT_COST === undefined) env.BCRYPT_COST = 4;
  if (!isProduction(env)) {
    for (const [name, fallback] of Object.entries(DEVELOPMENT_DEFAULTS)) {
      const key = name as keyof typeof DEVELOPMENT_DEFAULTS;
      if (env[key] === undefined) env[key] = fallback(env);
    }
  }
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false }).filter(
    (e) => !(options.scope === 'database' && APPLICATION_ONLY.includes(e.property) && raw[e.property] === undefined),
  );
  if (errors.length > 0) {
    const lines = errors.map((e) => {
      const constraints = e.constraints ?? { invalid: 'is invalid' };
      const typeFailure = TYPE_CONSTRAINTS.find((k) => k in constraints);
      const messages = (typeFailure ? [constraints[typeFailure]] : Object.values(constraints)).map((m) =>
        m.replace(`${e.property} `, ''),
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
