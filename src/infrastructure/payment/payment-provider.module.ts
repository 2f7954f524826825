import { Inject, Logger, Module, OnModuleDestroy } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { PAYMENT_PROVIDER, PaymentProvider } from '@domain/payment/payment-provider.port';
import { AppConfig } from '@infra/config/app-config';
import { Metrics } from '@infra/observability/metrics';
import { SandboxChargeStore } from '@infra/persistence/sandbox/sandbox-charge.store';
import { NoPaymentProvider } from './no-payment-provider';
import { ResilientPaymentProvider } from './resilient-payment-provider';
import { SandboxController } from './sandbox/sandbox.controller';
import { SandboxOutage } from './sandbox/sandbox-outage';
import { SandboxPaymentProvider } from './sandbox/sandbox-payment-provider';
import { SandboxWebhookDelivery } from './sandbox/sandbox-webhook-delivery';
import { StripePaymentProvider } from './stripe/stripe-payment-provider';

/** The configured provider, behind the timeout / retry / circuit breaker wrapper. */
function createProvider(
  config: AppConfig,
  sandbox: SandboxPaymentProvider,
  metrics: Metrics,
): PaymentProvider {
  const env = config.env;
  const logger = new Logger('PaymentProvider');
  let inner: PaymentProvider;
  if (env.PAYMENT_PROVIDER === 'sandbox') inner = sandbox;
  else if (env.PAYMENT_PROVIDER === 'stripe')
    inner = new StripePaymentProvider({
      secretKey: env.STRIPE_SECRET_KEY!,
      webhookSecret: env.STRIPE_WEBHOOK_SECRET!,
      checkoutPageUrl: env.STRIPE_CHECKOUT_URL ?? `${env.PUBLIC_URL}/checkout`,
      apiUrl: env.STRIPE_API_URL,
      timeoutMs: env.PAYMENT_PROVIDER_TIMEOUT_MS,
    });
  else return new NoPaymentProvider();
  const resilient = new ResilientPaymentProvider(
    inner,
    {
      timeoutMs: env.PAYMENT_PROVIDER_TIMEOUT_MS,
      retries: env.PAYMENT_PROVIDER_RETRIES,
      backoffMs: env.PAYMENT_PROVIDER_BACKOFF_MS,
      errorThresholdPercentage: env.PAYMENT_BREAKER_ERROR_PERCENT,
      volumeThreshold: env.PAYMENT_BREAKER_VOLUME_THRESHOLD,
      rollingCountTimeout: env.PAYMENT_BREAKER_WINDOW_MS,
      resetTimeout: env.PAYMENT_BREAKER_RESET_MS,
    },
    {
      onStateChange: (provider, state) =>
        logger.warn({ provider, state }, 'payment provider circuit changed state'),
      onRetry: (provider, operation, attempt, reason) =>
        logger.warn({ provider, operation, attempt, reason }, 'payment provider call retried'),
      onUnavailable: (provider, operation, reason) =>
        logger.error(
          { provider, operation, reason },
          'payment provider unavailable: call given up',
        ),
    },
  );
  new Gauge({
    name: 'payment_provider_circuit_state',
    help: "The payment provider's circuit breaker: 0 closed, 1 half-open (one trial call), 2 open",
    labelNames: ['provider'] as const,
    registers: [metrics.registry],
    collect() {
      this.set({ provider: inner.name ?? 'none' }, CIRCUIT_STATE_VALUES[resilient.state]);
    },
  });
  return resilient;
}

const CIRCUIT_STATE_VALUES = { closed: 0, halfOpen: 1, open: 2 } as const;

/**
 * The external payment provider behind the PAYMENT_PROVIDER port: the sandbox (refused in
 * production; its pages answer only while it is the configured provider) or Stripe, each
 * behind ResilientPaymentProvider (timeout, retries, circuit breaker). Unset (production):
 * NoPaymentProvider.
 */
@Module({
  controllers: [SandboxController],
  providers: [
    SandboxChargeStore,
    SandboxWebhookDelivery,
    SandboxOutage,
    SandboxPaymentProvider,
    {
      provide: PAYMENT_PROVIDER,
      inject: [AppConfig, SandboxPaymentProvider, Metrics],
      useFactory: createProvider,
    },
  ],
  exports: [PAYMENT_PROVIDER],
})
export class PaymentProviderModule implements OnModuleDestroy {
  constructor(@Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider) {}

  onModuleDestroy(): void {
    if (this.provider instanceof ResilientPaymentProvider) this.provider.shutdown();
  }
}
