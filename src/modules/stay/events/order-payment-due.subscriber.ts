import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  DomainEvent,
  EVENT_SUBSCRIPTIONS,
  EventSubscriber,
  EventSubscriptions,
} from '../../../domain/shared/domain-event';
import { ORDER_PAYMENT_DUE } from '../../../domain/stay/events/order-payment-due.event';
import { ExpireUnpaidOrderCommand } from '../commands/expire-unpaid-orders/expire-unpaid-order.command';

/**
 * The delayed job of an order's payment deadline (delivered at payBefore). A paid or
 * cancelled order is left alone; a job that arrives early changes nothing and the sweep
 * cancels the order once it is due.
 */
@Injectable()
export class OrderPaymentDueSubscriber implements EventSubscriber, OnModuleInit {
  readonly name = 'stay.cancel-unpaid-order';
  readonly eventTypes = [ORDER_PAYMENT_DUE];

  constructor(
    @Inject(EVENT_SUBSCRIPTIONS) private readonly subscriptions: EventSubscriptions,
    private readonly commands: CommandBus,
  ) {}

  onModuleInit(): void {
    this.subscriptions.register(this);
  }

  async handle(event: DomainEvent): Promise<void> {
    await this.commands.execute(new ExpireUnpaidOrderCommand(event.aggregateId));
  }
}
