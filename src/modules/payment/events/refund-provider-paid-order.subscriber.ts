import { Inject, Injectable } from '@nestjs/common';
import { paymentRefundRequested } from '@domain/payment/events/payment-refund-requested.event';
import { PAYMENT_REPOSITORY, PaymentRepository } from '@domain/payment/payment.repository';
import { CLOCK, Clock } from '@domain/shared/clock';
import { DomainEvent, DomainEventHandler, OUTBOX, Outbox } from '@domain/shared/domain-event';
import { newId } from '@domain/shared/uuid';
import { ORDER_REFUNDED } from '@domain/stay/events/order-settled.events';
import { EventSubscriber } from '@infra/queue/event-subscriber.decorator';

/**
 * A stay refund of an order paid through the provider: the stay context already moved the
 * money escrow → clearing (the order's paying account), kind refund. Here, in the subscriber's
 * transaction: the order's succeeded payment becomes refund_pending with that refund transfer,
 * and the provider refund is requested (PaymentRefundRequested, after the commit). An order
 * paid from a balance has no such payment: nothing to do.
 */
@Injectable()
@EventSubscriber({ name: 'payment.refund-provider-paid-order', on: [ORDER_REFUNDED] })
export class RefundProviderPaidOrderSubscriber implements DomainEventHandler {
  constructor(
    @Inject(PAYMENT_REPOSITORY) private readonly payments: PaymentRepository,
    @Inject(OUTBOX) private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(event: DomainEvent): Promise<void> {
    const payment = await this.payments.lockSucceededForOrder(event.aggregateId);
    if (!payment) return;
    const refundTransferId = event.payload.refundTransferId;
    if (typeof refundTransferId !== 'string')
      throw new Error(`${event.type} ${event.id} names no refund transfer`);
    const now = this.clock.now();
    payment.requireRefund(now, refundTransferId);
    await this.payments.save(payment);
    await this.outbox.append(paymentRefundRequested(newId(now.getTime()), payment, now));
  }
}
