import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainEvent, DomainEventHandler } from '@domain/shared/domain-event';
import { ORDER_CHECK_OUT_DUE } from '@domain/stay/events/order-check-out-due.event';
import { EventSubscriber } from '@infra/queue/event-subscriber.decorator';
import { SettleNoShowCommand } from '../commands/settle-no-show/settle-no-show.command';

/**
 * The delayed job of a paid order's check-out day (delivered at 00:00 UTC of checkOut): an
 * order still paid then is a no-show and its escrow is paid out. A checked-in or refunded order
 * is left alone; a job that arrives early changes nothing and the sweep settles the order later.
 */
@Injectable()
@EventSubscriber({ name: 'stay.settle-no-show', on: [ORDER_CHECK_OUT_DUE] })
export class OrderCheckOutDueSubscriber implements DomainEventHandler {
  constructor(private readonly commands: CommandBus) {}

  async handle(event: DomainEvent): Promise<void> {
    await this.commands.execute(new SettleNoShowCommand(event.aggregateId));
  }
}
