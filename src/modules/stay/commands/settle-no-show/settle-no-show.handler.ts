import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@domain/shared/clock';
import { OUTBOX, Outbox } from '@domain/shared/domain-event';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { newId } from '@domain/shared/uuid';
import {
  CHECK_IN_CREDENTIAL_REPOSITORY,
  CheckInCredentialRepository,
} from '@domain/stay/check-in-credential.repository';
import { ORDER_NO_SHOW, orderSettled } from '@domain/stay/events/order-settled.events';
import { ORDER_REPOSITORY, OrderRepository } from '@domain/stay/order.repository';
import { Escrow } from '../../escrow';
import { SettleNoShowCommand } from './settle-no-show.command';

/**
 * Pays the escrow of a paid order nobody checked in out to the host, as check-in would, once its
 * check-out day has come. Idempotent and race-safe: the delayed job, any number of sweeps, a late
 * check-in and a refund all decide on the order's locked row; only the first changes anything.
 */
@CommandHandler(SettleNoShowCommand)
export class SettleNoShowHandler implements ICommandHandler<SettleNoShowCommand, boolean> {
  constructor(
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository,
    @Inject(CHECK_IN_CREDENTIAL_REPOSITORY)
    private readonly credentials: CheckInCredentialRepository,
    private readonly escrow: Escrow,
    @Inject(OUTBOX) private readonly outbox: Outbox,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** true when this call settled the order. */
  execute({ orderId }: SettleNoShowCommand): Promise<boolean> {
    return this.uow.run(async () => {
      const order = await this.orders.lockById(orderId);
      const now = this.clock.now();
      if (!order || !order.isNoShow(now)) return false;
      order.markNoShow(now, await this.escrow.payOut(order));
      await this.orders.save(order);
      await this.credentials.delete(order.id);
      await this.outbox.append(orderSettled(ORDER_NO_SHOW, newId(now.getTime()), order, now));
      return true;
    });
  }
}
