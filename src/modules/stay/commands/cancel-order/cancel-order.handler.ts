import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@domain/shared/clock';
import { NotFoundError } from '@domain/shared/domain-error';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { Order } from '@domain/stay/order.aggregate';
import { ORDER_REPOSITORY, OrderRepository } from '@domain/stay/order.repository';
import { CancelOrderCommand } from './cancel-order.command';

/** The guest withdraws an unpaid order; decided on the locked row, like payment and timeout. */
@CommandHandler(CancelOrderCommand)
export class CancelOrderHandler implements ICommandHandler<CancelOrderCommand, Order> {
  constructor(
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ actorId, orderId }: CancelOrderCommand): Promise<Order> {
    return this.uow.run(async () => {
      const order = await this.orders.lockById(orderId);
      if (!order || order.guestId !== actorId) throw new NotFoundError('Order');
      order.cancelByGuest(this.clock.now());
      await this.orders.save(order);
      return order;
    });
  }
}
