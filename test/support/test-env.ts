/**
 * Environment for the e2e run. Connection settings come from the caller's environment
 * (defaults match scripts/ensure-services.sh); the database and Redis prefix are unique per run.
 */
export function baseTestEnv(): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DB_HOST: process.env.DB_HOST ?? '127.0.0.1',
    DB_PORT: process.env.DB_PORT ?? '3306',
    DB_USER: process.env.DB_USER ?? 'atrium',
    DB_PASSWORD: process.env.DB_PASSWORD ?? 'atrium',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    BCRYPT_COST: process.env.BCRYPT_COST ?? '4',
    RATE_LIMIT_PER_MINUTE: '100000',
    // Every suite sends its codes from 127.0.0.1 to +1555… numbers: the SMS pumping quotas are
    // tested with their defaults and small limits on apps of their own (otp.e2e-spec.ts).
    OTP_SEND_MAX_PER_IP_PER_HOUR: '100000',
    OTP_SEND_MAX_PER_PREFIX_PER_HOUR: '100000',
    OTP_SEND_MAX_PER_HOUR: '100000',
    JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e-secret',
    NOTIFY_TRANSPORT: 'file',
  };
}
