import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { Public } from '@infra/http/auth.decorators';
import { HandleProviderEventCommand } from './handle-provider-event.command';

export class WebhookReceivedResponse {
  @ApiProperty({ enum: [true] })
  received: true;
}

@ApiTags('payments')
@Controller('v1/payments/webhooks')
export class HandleProviderEventHttpController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * Public (the provider has no token) and not rate limited per IP (a provider sends every
   * notification from a few addresses; an unsigned request costs one HMAC and is refused).
   * The body limit and the JSON shape limits apply as everywhere.
   */
  @Post(':provider')
  @Public()
  @SkipThrottle()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'receivePaymentWebhook',
    summary: "The payment provider's notifications (signed; for the provider, not for clients)",
    description:
      'The signature (sandbox: header Atrium-Signature, `t=<unix s>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`) ' +
      'is verified on the raw body, and t must be within 300 s of now; otherwise 400 SIGNATURE_INVALID and no effect. ' +
      "Stripe: header Stripe-Signature, verified with the SDK's constructEvent and STRIPE_WEBHOOK_SECRET (same tolerance). " +
      'An event id already handled, a payment no longer awaiting the event, or an unknown providerRef: 200, no effect.',
  })
  @ApiParam({
    name: 'provider',
    enum: ['sandbox', 'stripe'],
    description: 'The configured provider',
  })
  @ApiOkResponse({ type: WebhookReceivedResponse, description: 'Received (applied or not needed)' })
  @ApiProblems(
    [
      400,
      'SIGNATURE_INVALID: missing, malformed, wrong or stale signature / VALIDATION_FAILED: a signed but unreadable event or not JSON',
    ],
    [404, 'NOT_FOUND: not the configured provider'],
  )
  async receive(
    @Param('provider') provider: string,
    @Req() request: FastifyRequest,
  ): Promise<WebhookReceivedResponse> {
    await this.commands.execute(
      new HandleProviderEventCommand(provider, request.rawBody ?? '', request.headers),
    );
    return { received: true };
  }
}
