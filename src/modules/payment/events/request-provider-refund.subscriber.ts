import { Inject, Injectable } from '@nestjs/common';
import { Currency } from '@domain/bank/money.value-object';
import { PAYMENT_REFUND_REQUESTED } from '@domain/payment/events/payment-refund-requested.event';
import { PAYMENT_PROVIDER, PaymentProvider } from '@domain/payment/payment-provider.port';
import { DomainEvent, DomainEventHandler } from '@domain/shared/domain-event';
import { EventSubscriber } from '@infra/queue/event-subscriber.decorator';

/**
 * Asks the provider for a refund, after the transaction that made the payment refund_pending
 * committed (the outbox): no business transaction waits on the provider. The provider's refund
 * is idempotent per payment, so a redelivery refunds once. A provider error throws: the job is
 * retried with back-off (QUEUE_ATTEMPTS, QUEUE_BACKOFF_MS), then kept in the dead-letter queue;
 * the payment stays refund_pending until `refund.succeeded` arrives.
 */
@Injectable()
@EventSubscriber({ name: 'payment.request-provider-refund', on: [PAYMENT_REFUND_REQUESTED] })
export class RequestProviderRefundSubscriber implements DomainEventHandler {
  constructor(@Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider) {}

  async handle(event: DomainEvent): Promise<void> {
    const p = event.payload as {
      paymentId: string;
      providerRef: string;
      amount: number;
      currency: Currency;
    };
    await this.provider.refund({
      paymentId: p.paymentId,
      providerRef: p.providerRef,
      amount: p.amount,
      currency: p.currency,
    });
  }
}
