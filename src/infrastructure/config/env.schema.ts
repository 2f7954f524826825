import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
  ValidateIf,
} from 'class-validator';

const toBool = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '' || typeof value === 'boolean')
    return value === '' ? undefined : value;
  const v = String(value).toLowerCase();
  if (['true', '1', 'yes'].includes(v)) return true;
  if (['false', '0', 'no'].includes(v)) return false;
  return value;
};

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : /^-?\d+$/.test(String(value))
      ? Number(value)
      : value;

const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * Every environment variable Atrium reads (API.md "Configuration" plus a few operational
 * ones). Defaults suit development and tests; production must set JWT_SECRET.
 */
export class EnvironmentVariables {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  @MinLength(1)
  HOST = '0.0.0.0';

  @IsString()
  @MinLength(1)
  DB_HOST = '127.0.0.1';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  DB_PORT = 3306;

  @IsString()
  @MinLength(1)
  DB_USER = 'atrium';

  @IsString()
  DB_PASSWORD = 'atrium';

  @IsString()
  @Matches(/^[A-Za-z0-9_]{1,64}$/, { message: 'must be 1-64 characters of A-Z, a-z, 0-9 and _' })
  DB_NAME = 'atrium';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  DB_POOL_SIZE = 20;

  @Transform(toBool)
  @IsBoolean()
  DB_MIGRATE_ON_START = false;

  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every Redis key (cache, locks, queues), so several deployments can share one Redis. */
  @IsString()
  @Matches(/^[A-Za-z0-9:_-]{1,64}$/, {
    message: 'must be 1-64 characters of A-Z, a-z, 0-9, :, _ and -',
  })
  REDIS_PREFIX = 'atrium:';

  @Transform(emptyToUndefined)
  @ValidateIf(
    (env: EnvironmentVariables) => env.NODE_ENV === 'production' || env.JWT_SECRET !== undefined,
  )
  @IsString({ message: 'is required in production (at least 32 characters)' })
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsIn(['HS256', 'HS384', 'HS512'])
  JWT_ALGORITHM: 'HS256' | 'HS384' | 'HS512' = 'HS256';

  @Transform(toInt)
  @IsInt()
  @Min(30)
  @Max(86_400)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(31_536_000)
  REFRESH_TOKEN_TTL_SECONDS = 604_800;

  @Transform(toInt)
  @IsInt()
  @Min(4)
  @Max(15)
  BCRYPT_COST = 12;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  ORDER_PAYMENT_TIMEOUT_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  RANKING_INTERVAL_SECONDS = 60;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_PER_MINUTE = 600;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_MAX_FAILURES = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  LOGIN_FAILURE_WINDOW_SECONDS = 900;

  @Transform(toBool)
  @IsBoolean()
  WORKERS_ENABLED = true;

  /** true only behind a reverse proxy that sets X-Forwarded-For; else clients could spoof their IP. */
  @Transform(toBool)
  @IsBoolean()
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

  @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_URL = 'http://localhost:3000';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsEmail()
  ADMIN_EMAIL?: string;

  @Transform(emptyToUndefined)
  @ValidateIf((env: EnvironmentVariables) => env.ADMIN_EMAIL !== undefined)
  @IsString({ message: 'is required when ADMIN_EMAIL is set' })
  @MinLength(8)
  @MaxLength(72)
  ADMIN_PASSWORD?: string;

  /** Comma-separated allowed origins; `*` allows any; empty disables CORS. */
  @IsString()
  CORS_ORIGINS = '';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';
}

/** Validates `process.env`; throws one line per bad variable. Used by ConfigModule. */
export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const env = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  if (raw.NODE_ENV === 'test' && raw.BCRYPT_COST === undefined) env.BCRYPT_COST = 4;
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => {
      const messages = Object.values(e.constraints ?? { invalid: 'is invalid' }).map((m) =>
        m.replace(`${e.property} `, ''),
      );
      const shown = /SECRET|PASSWORD/.test(e.property)
        ? '[redacted]'
        : JSON.stringify(raw[e.property] ?? null);
      return `  - ${e.property}=${shown}: ${messages.join('; ')}`;
    });
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return env;
}
