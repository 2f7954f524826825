import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainEvent, DomainEventHandler } from '@domain/shared/domain-event';
import { ORDER_PAYMENT_DUE } from '@domain/stay/events/order-payment-due.event';
import { EventSubscriber } from '@infra/queue/event-subscriber.decorator';
import { ExpireUnpaidOrderCommand } from '../commands/expire-unpaid-orders/expire-unpaid-order.command';

/**
 * The delayed job of an order's payment deadline (delivered at payBefore). A paid or
 * cancelled order is left alone; a job that arrives early changes nothing and the sweep
 * cancels the order once it is due.
 */
@Injectable()
@EventSubscriber({ name: 'stay.cancel-unpaid-order', on: [ORDER_PAYMENT_DUE] })
export class OrderPaymentDueSubscriber implements DomainEventHandler {
  constructor(private readonly commands: CommandBus) {}

  async handle(event: DomainEvent): Promise<void> {
    await this.commands.execute(new ExpireUnpaidOrderCommand(event.aggregateId));
  }
}
