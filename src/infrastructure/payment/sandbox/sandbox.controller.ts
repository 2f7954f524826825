import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { NotFoundError, ValidationError } from '@domain/shared/domain-error';
import { AppConfig } from '@infra/config/app-config';
import { Public } from '@infra/http/auth.decorators';
import type { SandboxCharge } from '@infra/persistence/sandbox/sandbox-charge.mapper';
import { SandboxChargeStore } from '@infra/persistence/sandbox/sandbox-charge.store';
import type { SandboxEventBody } from './sandbox-event';
import { SandboxOutage } from './sandbox-outage';
import { sandboxSettlementLines } from './sandbox-payment-provider';
import { checkoutPage, resultPage } from './sandbox-pages';
import { SandboxWebhookDelivery } from './sandbox-webhook-delivery';

const PROVIDER_REF = /^sbx_[0-9a-f]{32}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
const HTML = 'text/html; charset=utf-8';

export interface SettlementItem {
  providerRef: string;
  amount: number;
  currency: string;
  status: string;
  settledAt: string;
}

/**
 * The sandbox provider's own pages and API: not Atrium's API, so not in the OpenAPI document.
 * They answer only when PAYMENT_PROVIDER=sandbox (404 otherwise, as for any unknown route).
 * Public: the payer at the provider is not signed in to Atrium.
 */
@ApiExcludeController()
@Public()
@SkipThrottle()
@Controller('sandbox')
export class SandboxController {
  constructor(
    private readonly charges: SandboxChargeStore,
    private readonly deliveries: SandboxWebhookDelivery,
    private readonly outage: SandboxOutage,
    private readonly config: AppConfig,
  ) {}

  /** The outage switch (this process): `{refunds: true}` makes every refund request fail until `{refunds: false}`. */
  @Post('outage')
  @HttpCode(200)
  setOutage(@Body() body: unknown): { refunds: boolean } {
    this.assertEnabled();
    const refunds = (body as { refunds?: unknown } | undefined)?.refunds;
    if (typeof refunds !== 'boolean') throw new ValidationError('refunds', 'must be a boolean');
    this.outage.refunds = refunds;
    return { refunds };
  }

  @Get('checkout/:providerRef')
  async checkout(
    @Param('providerRef') providerRef: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const charge = await this.charge(providerRef);
    void reply.type(HTML);
    return checkoutPage(charge, `/sandbox/checkout/${charge.providerRef}`);
  }

  /** Pay or Decline (a form post): decides a pending charge once and schedules its webhook. */
  @Post('checkout/:providerRef')
  @HttpCode(200)
  async decide(
    @Param('providerRef') providerRef: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    this.assertEnabled();
    const action = (body as { action?: unknown } | undefined)?.action;
    if (action !== 'pay' && action !== 'decline')
      throw new ValidationError('action', 'must be pay or decline');
    let charge = await this.charge(providerRef);
    if (charge.status === 'pending') {
      await this.charges.settle(
        charge.providerRef,
        action === 'pay' ? 'succeeded' : 'failed',
        new Date(),
      );
      charge = await this.charge(providerRef);
    }
    // Scheduled on every post of a decided charge, under an id of its outcome: a post repeated
    // after a crash between the decision and the scheduling still sends it, and a double
    // submit queues it once.
    await this.deliveries.schedule(outcomeEvent(charge));
    void reply.type(HTML);
    return resultPage(charge);
  }

  /**
   * The settlement report of a UTC day: every charge decided that day (its outcome that day) and
   * every refund made that day, a line of its own (`status: refunded`, `settledAt` its time).
   */
  @Get('settlements')
  async settlements(@Query('date') date: unknown): Promise<{ items: SettlementItem[] }> {
    this.assertEnabled();
    const from =
      typeof date === 'string' && DATE.test(date) ? new Date(`${date}T00:00:00.000Z`) : null;
    if (!from || Number.isNaN(from.getTime()) || from.toISOString().slice(0, 10) !== date)
      throw new ValidationError('date', 'must be a UTC day, YYYY-MM-DD');
    const to = new Date(from.getTime() + DAY_MS);
    const [settled, refunded] = await Promise.all([
      this.charges.settledBetween(from, to),
      this.charges.refundedBetween(from, to),
    ]);
    return {
      items: sandboxSettlementLines(settled, refunded).map((line) => ({
        providerRef: line.charge.providerRef,
        amount: line.charge.amount,
        currency: line.charge.currency,
        status: line.status,
        settledAt: line.at.toISOString(),
      })),
    };
  }

  private assertEnabled(): void {
    if (this.config.env.PAYMENT_PROVIDER !== 'sandbox') throw new NotFoundError('Route');
  }

  private async charge(providerRef: string): Promise<SandboxCharge> {
    this.assertEnabled();
    const charge = PROVIDER_REF.test(providerRef) ? await this.charges.find(providerRef) : null;
    if (!charge) throw new NotFoundError('Checkout');
    return charge;
  }
}

/** The webhook event of a decided charge; its id is the same however often it is built. */
function outcomeEvent(charge: SandboxCharge): SandboxEventBody {
  // A refunded charge was paid first: its payment outcome is still the success.
  const paid = charge.status === 'succeeded' || charge.status === 'refunded';
  const type = paid ? 'payment.succeeded' : 'payment.failed';
  return {
    id: `evt_${charge.providerRef}_${paid ? 'succeeded' : charge.status}`,
    type,
    createdAt: (charge.settledAt ?? new Date()).toISOString(),
    data: { providerRef: charge.providerRef, amount: charge.amount, currency: charge.currency },
  };
}
