import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@domain/shared/clock';
import { NotFoundError } from '@domain/shared/domain-error';
import { OUTBOX, Outbox } from '@domain/shared/domain-event';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { newId } from '@domain/shared/uuid';
import {
  CHECK_IN_CREDENTIAL_REPOSITORY,
  CheckInCredentialRepository,
} from '@domain/stay/check-in-credential.repository';
import { ORDER_REFUNDED, orderSettled } from '@domain/stay/events/order-settled.events';
import { Order } from '@domain/stay/order.aggregate';
import { ORDER_REPOSITORY, OrderRepository } from '@domain/stay/order.repository';
import { AppConfig } from '@infra/config/app-config';
import { Escrow } from '../../escrow';
import { RefundOrderCommand } from './refund-order.command';

/**
 * The guest takes a paid order back before the refund window closes. One transaction on the
 * order's locked row: escrow → the paying account (the whole amount), status refunded (its
 * nights are bookable again), the check-in credential deleted, OrderRefunded appended.
 */
@CommandHandler(RefundOrderCommand)
export class RefundOrderHandler implements ICommandHandler<RefundOrderCommand, Order> {
  constructor(
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository,
    @Inject(CHECK_IN_CREDENTIAL_REPOSITORY)
    private readonly credentials: CheckInCredentialRepository,
    private readonly escrow: Escrow,
    @Inject(OUTBOX) private readonly outbox: Outbox,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  execute({ actorId, orderId }: RefundOrderCommand): Promise<Order> {
    return this.uow.run(async () => {
      const order = await this.orders.lockById(orderId);
      // Only the guest refunds; to anyone else (the host included) there is nothing here.
      if (!order || order.guestId !== actorId) throw new NotFoundError('Order');
      const now = this.clock.now();
      const cutoffHours = this.config.env.REFUND_CUTOFF_HOURS;
      order.assertRefundable(now, cutoffHours);
      order.refund(now, cutoffHours, await this.escrow.refund(order));
      await this.orders.save(order);
      await this.credentials.delete(order.id);
      await this.outbox.append(orderSettled(ORDER_REFUNDED, newId(now.getTime()), order, now));
      return order;
    });
  }
}
