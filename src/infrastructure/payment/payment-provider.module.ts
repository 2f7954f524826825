import { Module } from '@nestjs/common';
import { PAYMENT_PROVIDER } from '@domain/payment/payment-provider.port';
import { AppConfig } from '@infra/config/app-config';
import { SandboxChargeStore } from '@infra/persistence/sandbox/sandbox-charge.store';
import { NoPaymentProvider } from './no-payment-provider';
import { SandboxController } from './sandbox/sandbox.controller';
import { SandboxOutage } from './sandbox/sandbox-outage';
import { SandboxPaymentProvider } from './sandbox/sandbox-payment-provider';
import { SandboxWebhookDelivery } from './sandbox/sandbox-webhook-delivery';

/**
 * The external payment provider behind the PAYMENT_PROVIDER port. Only the sandbox exists in
 * this version (the schema refuses PAYMENT_PROVIDER=stripe at start, and the sandbox in
 * production); its pages answer only while it is the configured provider. Unset (production):
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
      inject: [AppConfig, SandboxPaymentProvider],
      useFactory: (config: AppConfig, sandbox: SandboxPaymentProvider) =>
        config.env.PAYMENT_PROVIDER === 'sandbox' ? sandbox : new NoPaymentProvider(),
    },
  ],
  exports: [PAYMENT_PROVIDER],
})
export class PaymentProviderModule {}
