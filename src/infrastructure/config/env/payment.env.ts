import { Transform } from 'class-transformer';
import { IsDefined, IsIn, IsString, MinLength, ValidateBy } from 'class-validator';
import {
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
     * /sandbox, for development and tests) or `stripe` (not implemented yet: refused at start).
     */
    @IsIn(['sandbox', 'stripe'])
    @ValidateBy({
      name: 'implementedProvider',
      validator: {
        validate: (value: unknown) => value !== 'stripe',
        defaultMessage: () => 'stripe is not implemented yet; use sandbox',
      },
    })
    PAYMENT_PROVIDER: 'sandbox' | 'stripe' = 'sandbox';

    /**
     * Signs the sandbox provider's webhooks and verifies them (HMAC-SHA256, header
     * Atrium-Signature). Required in production; development and test use a fixed default.
     */
    @Transform(emptyToUndefined)
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
  }
  return PaymentEnv;
}
