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
import type { SandboxCharge } from '@infra/persistence/sandbox/sandbox-charge.mapper';
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
      refundedAt: null,
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
    if (charge.status === 'succeeded') await this.charges.refund(charge.providerRef, new Date());
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
    const [settled, refunded] = await Promise.all([
      this.charges.settledBetween(day.from, day.to),
      this.charges.refundedBetween(day.from, day.to),
    ]);
    return sandboxSettlementLines(settled, refunded).map((line) => ({
      kind: line.kind,
      providerRef: line.charge.providerRef,
      paymentId: line.charge.paymentId,
      amount: line.charge.amount,
      currency: line.charge.currency,
      status: line.kind === 'refund' ? 'succeeded' : line.status,
      settledAt: line.at,
    }));
  }
}

/** One line of the sandbox's settlement report (GET /sandbox/settlements and the port's). */
export interface SandboxSettlementLine {
  kind: 'charge' | 'refund';
  charge: SandboxCharge;
  /** A charge line: its outcome that day (a charge refunded since was still paid: `succeeded`); a refund line: `refunded`. */
  status: string;
  at: Date;
}

/**
 * A day's lines: each charge decided that day (refunded since or not: the day's outcome), and
 * each refund made that day as a line of its own, in time order.
 */
export function sandboxSettlementLines(
  settled: SandboxCharge[],
  refunded: SandboxCharge[],
): SandboxSettlementLine[] {
  const lines: SandboxSettlementLine[] = [
    ...settled.map((c) => ({
      kind: 'charge' as const,
      charge: c,
      status: c.status === 'refunded' ? 'succeeded' : c.status,
      at: c.settledAt!,
    })),
    ...refunded.map((c) => ({
      kind: 'refund' as const,
      charge: c,
      status: 'refunded',
      at: c.refundedAt!,
    })),
  ];
  return lines.sort(
    (a, b) =>
      a.at.getTime() - b.at.getTime() || a.charge.providerRef.localeCompare(b.charge.providerRef),
  );
}
