import { Transform } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  MinLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import {
  BooleanVar,
  emptyToUndefined,
  EnvClass,
  IntegerVar,
  isProduction,
  REQUIRED_IN_PRODUCTION,
} from '../env.decorators';

/** The development and test default of PAYMENT_WEBHOOK_SECRET: published, so refused in production. */
export const DEVELOPMENT_WEBHOOK_SECRET = 'atrium-development-webhook-secret';

/** Payments from outside (docs/payments.md): the provider and its webhooks. */
export function PaymentEnv<B extends EnvClass>(Base: B) {
  class PaymentEnv extends Base {
    /**
     * The payment service provider: `sandbox` (a built-in stand-in with checkout pages under
     * /sandbox; the default in development and test, refused in production, where a click on
     * its Pay button would create money) or `stripe` (not implemented yet: refused at start).
     * Unset in production: no provider, payments answer 503 until one is configured.
     */
    @Transform(emptyToUndefined)
    @IsOptional()
    @IsIn(['sandbox', 'stripe'])
    @ValidateBy({
      name: 'usableProvider',
      validator: {
        validate: (value: unknown, args) =>
          value !== 'stripe' &&
          !(value === 'sandbox' && isProduction(args?.object as { NODE_ENV?: string })),
        defaultMessage: (args) =>
          args?.value === 'stripe'
            ? 'stripe is not implemented yet; use sandbox'
            : 'sandbox is for development and test only: its Pay button creates money',
      },
    })
    PAYMENT_PROVIDER?: 'sandbox' | 'stripe';

    /**
     * Signs the sandbox provider's webhooks and verifies them (HMAC-SHA256, header
     * Atrium-Signature). Required in production once PAYMENT_PROVIDER is set (without a
     * provider there is no webhook); development and test use a fixed, published default.
     */
    @Transform(emptyToUndefined)
    @ValidateIf(
      (env: { NODE_ENV?: string; PAYMENT_PROVIDER?: string; PAYMENT_WEBHOOK_SECRET?: string }) =>
        (isProduction(env) && env.PAYMENT_PROVIDER !== undefined) ||
        env.PAYMENT_WEBHOOK_SECRET !== undefined,
    )
    @IsDefined({
      message: `${REQUIRED_IN_PRODUCTION}; 32+ random characters, e.g. openssl rand -hex 32`,
    })
    @IsString()
    @MinLength(16, { message: 'must be at least 16 characters' })
    @ValidateBy({
      name: 'notPublishedInProduction',
      validator: {
        validate: (value: unknown, args) =>
          !isProduction(args?.object as { NODE_ENV?: string }) ||
          value !== DEVELOPMENT_WEBHOOK_SECRET,
        defaultMessage: () =>
          'is the published development secret; generate one, e.g. openssl rand -hex 32',
      },
    })
    PAYMENT_WEBHOOK_SECRET?: string;

    /** Sandbox: delivery attempts of one webhook (the first included) before it is given up. */
    @IntegerVar(1, 100)
    SANDBOX_WEBHOOK_ATTEMPTS = 12;

    /** Sandbox: the first retry's delay; each further retry waits twice as long. */
    @IntegerVar(1, 3_600_000)
    SANDBOX_WEBHOOK_BACKOFF_MS = 500;

    /**
     * Sandbox, tests: deliver each webhook event one to three times, each copy delayed at random
     * by up to SANDBOX_WEBHOOK_CHAOS_MAX_DELAY_MS, so events arrive duplicated, late and out of
     * order, as real providers' may.
     */
    @BooleanVar()
    SANDBOX_WEBHOOK_CHAOS = false;

    @IntegerVar(0, 600_000)
    SANDBOX_WEBHOOK_CHAOS_MAX_DELAY_MS = 2000;

    /**
     * How often the reconciliation job reconciles yesterday (UTC) and sets the gauge
     * payments_reconciliation_mismatches; where WORKERS_ENABLED, one instance at a time. Daily by
     * default; tests shorten it.
     */
    @IntegerVar(1, 7 * 86_400)
    PAYMENT_RECONCILE_INTERVAL_SECONDS = 86_400;
  }
  return PaymentEnv;
}
