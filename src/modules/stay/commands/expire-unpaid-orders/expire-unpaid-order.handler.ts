import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@domain/shared/clock';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { ORDER_REPOSITORY, OrderRepository } from '@domain/stay/order.repository';
import { ExpireUnpaidOrderCommand } from './expire-unpaid-order.command';

/**
 * Cancels one order for payment_timeout if, on its locked row, it is still unpaid and past
 * payBefore. Idempotent and race-safe: the delayed job, any number of sweeps and a payment
 * all decide on the same row lock, and only the first of them changes anything.
 */
@CommandHandler(ExpireUnpaidOrderCommand)
export class ExpireUnpaidOrderHandler implements ICommandHandler<
  ExpireUnpaidOrderCommand,
  boolean
> {
  constructor(
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** true when this call cancelled the order. */
  execute({ orderId }: ExpireUnpaidOrderCommand): Promise<boolean> {
    return this.uow.run(async () => {
      const order = await this.orders.lockById(orderId);
      if (!order || !order.expire(this.clock.now())) return false;
      await this.orders.save(order);
      return true;
    });
  }
}
