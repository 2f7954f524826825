import { Module } from '@nestjs/common';
import { PAYMENT_PROVIDER } from '@domain/payment/payment-provider.port';
import { SandboxChargeStore } from '@infra/persistence/sandbox/sandbox-charge.store';
import { SandboxController } from './sandbox/sandbox.controller';
import { SandboxPaymentProvider } from './sandbox/sandbox-payment-provider';
import { SandboxWebhookDelivery } from './sandbox/sandbox-webhook-delivery';

/**
 * The external payment provider behind the PAYMENT_PROVIDER port. Only the sandbox exists in
 * this version (the schema refuses PAYMENT_PROVIDER=stripe at start); its pages answer only
 * while it is the configured provider.
 */
@Module({
  controllers: [SandboxController],
  providers: [
    SandboxChargeStore,
    SandboxWebhookDelivery,
    SandboxPaymentProvider,
    { provide: PAYMENT_PROVIDER, useExisting: SandboxPaymentProvider },
  ],
  exports: [PAYMENT_PROVIDER],
})
export class PaymentProviderModule {}
