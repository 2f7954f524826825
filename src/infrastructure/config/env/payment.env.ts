import { Transform } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
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
     * its Pay button would create money) or `stripe` (STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET
     * required).
     * Unset in production: no provider, payments answer 503 until one is configured.
     */
    @Transform(emptyToUndefined)
    @IsOptional()
    @IsIn(['sandbox', 'stripe'])
    @ValidateBy({
      name: 'usableProvider',
      validator: {
        validate: (value: unknown, args) =>
          !(value === 'sandbox' && isProduction(args?.object as { NODE_ENV?: string })),
        defaultMessage: () =>
          'sandbox is for development and test only: its Pay button creates money',
      },
    })
    PAYMENT_PROVIDER?: 'sandbox' | 'stripe';

    /**
     * Signs the sandbox provider's webhooks and verifies them (HMAC-SHA256, header
     * Atrium-Signature). Required in production with PAYMENT_PROVIDER=sandbox (Stripe has its
     * own STRIPE_WEBHOOK_SECRET); development and test use a fixed, published default.
     */
    @Transform(emptyToUndefined)
    @ValidateIf(
      (env: { NODE_ENV?: string; PAYMENT_PROVIDER?: string; PAYMENT_WEBHOOK_SECRET?: string }) =>
        (isProduction(env) && env.PAYMENT_PROVIDER === 'sandbox') ||
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

    /** Stripe: the secret API key (sk_test_… / sk_live_… or a restricted rk_…). */
    @Transform(emptyToUndefined)
    @ValidateIf((env: { PAYMENT_PROVIDER?: string }) => env.PAYMENT_PROVIDER === 'stripe')
    @IsDefined({
      message: 'is required when PAYMENT_PROVIDER=stripe (Stripe dashboard → API keys)',
    })
    @IsString()
    @Matches(/^(sk|rk)_(test|live)_\S+$/, {
      message: 'must be a Stripe secret key (sk_test_…, sk_live_…)',
    })
    STRIPE_SECRET_KEY?: string;

    /** Stripe: the signing secret of the webhook endpoint (whsec_…), verifies Stripe-Signature. */
    @Transform(emptyToUndefined)
    @ValidateIf((env: { PAYMENT_PROVIDER?: string }) => env.PAYMENT_PROVIDER === 'stripe')
    @IsDefined({
      message:
        "is required when PAYMENT_PROVIDER=stripe (the endpoint's signing secret, or the one `stripe listen` prints)",
    })
    @IsString()
    @Matches(/^whsec_\S+$/, { message: 'must be a Stripe webhook signing secret (whsec_…)' })
    STRIPE_WEBHOOK_SECRET?: string;

    /**
     * Stripe: the frontend page that confirms a PaymentIntent with Stripe.js; a payment's
     * checkoutUrl is this URL with `#payment_intent=<id>&client_secret=<secret>` (a fragment:
     * never sent to a server or logged). Default: PUBLIC_URL + /checkout.
     */
    @Transform(emptyToUndefined)
    @IsOptional()
    @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
    STRIPE_CHECKOUT_URL?: string;

    /** Stripe: the API's base URL; only to point the adapter at stripe-mock or a test double. */
    @Transform(emptyToUndefined)
    @IsOptional()
    @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
    STRIPE_API_URL?: string;

    /** Provider calls (both providers): one attempt's timeout. */
    @IntegerVar(100, 120_000)
    PAYMENT_PROVIDER_TIMEOUT_MS = 10_000;

    /** Retries of a create or refund call that timed out or failed transiently (idempotent). */
    @IntegerVar(0, 10)
    PAYMENT_PROVIDER_RETRIES = 2;

    /** The first retry's delay; each further one waits twice as long (plus jitter). */
    @IntegerVar(1, 60_000)
    PAYMENT_PROVIDER_BACKOFF_MS = 200;

    /** The provider's circuit breaker opens when at least this share of calls in the window failed ... */
    @IntegerVar(1, 100)
    PAYMENT_BREAKER_ERROR_PERCENT = 50;

    /** ... and the window holds at least this many calls ... */
    @IntegerVar(1, 10_000)
    PAYMENT_BREAKER_VOLUME_THRESHOLD = 5;

    /** ... counted over this rolling window. */
    @IntegerVar(100, 3_600_000)
    PAYMENT_BREAKER_WINDOW_MS = 10_000;

    /** An open breaker lets one trial call through (half-open) after this long. */
    @IntegerVar(50, 3_600_000)
    PAYMENT_BREAKER_RESET_MS = 30_000;

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
