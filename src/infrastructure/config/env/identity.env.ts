import { Transform } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsIn,
  IsNotIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import {
  emptyToUndefined,
  EnvClass,
  IntegerVar,
  isProduction,
  REQUIRED_IN_PRODUCTION,
} from '../env.decorators';

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

/** Tokens, passwords, login throttling, the bootstrap admin, email verification and SMS codes. */
export function IdentityEnv<B extends EnvClass>(Base: B) {
  class IdentityEnv extends Base {
    /**
     * Signs access tokens (and keys the OTP HMAC and the deferred-SMS sealer). Required in
     * production; development and test fall back to a fixed development secret.
     */
    @Transform(emptyToUndefined)
    @ValidateIf(
      (env: { NODE_ENV?: string; JWT_SECRET?: string }) =>
        isProduction(env) || env.JWT_SECRET !== undefined,
    )
    @IsDefined({
      message: `${REQUIRED_IN_PRODUCTION}; at least 32 random characters, e.g. openssl rand -base64 48`,
    })
    @IsString()
    @MinLength(32, { message: 'must be at least 32 characters' })
    @IsNotIn(PUBLISHED_JWT_SECRETS, {
      message:
        'is a published example value anyone could sign tokens with; generate one, e.g. openssl rand -base64 48',
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

    @IntegerVar(1, 1000)
    LOGIN_MAX_FAILURES = 5;

    @IntegerVar(1, 86_400)
    LOGIN_FAILURE_WINDOW_SECONDS = 900;

    @Transform(emptyToUndefined)
    @IsOptional()
    @IsEmail()
    ADMIN_EMAIL?: string;

    @Transform(emptyToUndefined)
    @ValidateIf((env: { ADMIN_EMAIL?: string }) => env.ADMIN_EMAIL !== undefined)
    @IsString({ message: 'is required when ADMIN_EMAIL is set' })
    @MinLength(8)
    @MaxLength(72)
    @ValidateBy({
      name: 'notPublishedInProduction',
      validator: {
        validate: (value: unknown, args) =>
          !isProduction(args?.object as { NODE_ENV?: string }) ||
          !PUBLISHED_ADMIN_PASSWORDS.includes(String(value)),
        defaultMessage: () =>
          'is the published development password; choose another one in production',
      },
    })
    ADMIN_PASSWORD?: string;

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
  }
  return IdentityEnv;
}
