import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  CreateProviderPayment,
  PaymentProvider,
  ProviderEvent,
  ProviderPayment,
  ProviderRefund,
  ProviderSettlement,
} from '@domain/payment/payment-provider.port';
import { utcDay } from '@domain/payment/reconciliation';
import { DependencyUnavailableError, ValidationError } from '@domain/shared/domain-error';
import { AppConfig } from '@infra/config/app-config';
import { SandboxChargeStore } from '@infra/persistence/sandbox/sandbox-charge.store';
import { readSandboxEvent, refundEvent } from './sandbox-event';
import { SandboxOutage } from './sandbox-outage';
import { SIGNATURE_HEADER, verifySignature } from './sandbox-signature';
import { sandboxCheckoutUrl, webhookSecret } from './sandbox-urls';
import { SandboxWebhookDelivery } from './sandbox-webhook-delivery';

/**
 * The built-in stand-in for a payment service provider (PAYMENT_PROVIDER=sandbox): a charge
 * per payment in its own table, a checkout page at /sandbox/checkout/<providerRef>, webhooks
 * signed with PAYMENT_WEBHOOK_SECRET (SandboxWebhookDelivery).
 */
@Injectable()
export class SandboxPaymentProvider implements PaymentProvider {
  readonly name = 'sandbox' as const;

  constructor(
    private readonly charges: SandboxChargeStore,
    private readonly deliveries: SandboxWebhookDelivery,
    private readonly outage: SandboxOutage,
    private readonly config: AppConfig,
  ) {}

  async createPayment(request: CreateProviderPayment): Promise<ProviderPayment> {
    const charge = await this.charges.create({
      providerRef: `sbx_${randomBytes(16).toString('hex')}`,
      paymentId: request.paymentId,
      amount: request.amount,
      currency: request.currency,
      description: request.description.slice(0, 255),
      status: 'pending',
      createdAt: new Date(),
      settledAt: null,
    });
    return {
      providerRef: charge.providerRef,
      checkoutUrl: sandboxCheckoutUrl(this.config.env.PUBLIC_URL, charge.providerRef),
    };
  }

  /**
   * succeeded → refunded, once, and the signed `refund.succeeded` event queued (under an id of
   * the refund: a repeated request queues it once and refunds nothing twice). Fails while the
   * outage switch is on, and for a charge that was never paid or is not this payment's.
   */
  async refund(request: ProviderRefund): Promise<void> {
    if (this.outage.refunds) throw new DependencyUnavailableError('The sandbox refunds are down');
    const charge = await this.charges.find(request.providerRef);
    if (
      !charge ||
      charge.paymentId !== request.paymentId ||
      charge.amount !== request.amount ||
      charge.currency !== request.currency
    )
      throw new Error(`sandbox: no charge ${request.providerRef} of payment ${request.paymentId}`);
    if (charge.status === 'succeeded') await this.charges.refund(charge.providerRef);
    const after = await this.charges.find(charge.providerRef);
    if (after?.status !== 'refunded')
      throw new Error(`sandbox: charge ${charge.providerRef} is ${after?.status}, not refundable`);
    await this.deliveries.schedule(refundEvent(after));
  }

  parseWebhook(
    rawBody: string,
    headers: Record<string, string | string[] | undefined>,
  ): ProviderEvent {
    verifySignature(
      webhookSecret(this.config),
      rawBody,
      headers[SIGNATURE_HEADER.toLowerCase()],
      Date.now(),
    );
    return readSandboxEvent(rawBody);
  }

  /**
   * What GET /sandbox/settlements?date= serves, read from the sandbox's own table (the adapter
   * is the sandbox's side: no HTTP round trip to itself). A real provider's adapter calls its API.
   */
  async settlementReport(date: string): Promise<ProviderSettlement[]> {
    const day = utcDay(date);
    if (!day) throw new ValidationError('date', 'must be a UTC day, YYYY-MM-DD');
    const charges = await this.charges.settledBetween(day.from, day.to);
    return charges.map((c) => ({
      providerRef: c.providerRef,
      paymentId: c.paymentId,
      amount: c.amount,
      currency: c.currency,
      status: c.status,
      settledAt: c.settledAt!,
    }));
  }
}
