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
import { CHECK_IN_CODES, CheckInCodes } from '@domain/stay/check-in-codes.port';
import { ORDER_CHECKED_IN, orderSettled } from '@domain/stay/events/order-settled.events';
import { Order } from '@domain/stay/order.aggregate';
import { ORDER_REPOSITORY, OrderRepository } from '@domain/stay/order.repository';
import { CheckInCodeInvalidError } from '@domain/stay/stay.errors';
import { Escrow } from '../../escrow';
import { CheckInOrderCommand } from './check-in-order.command';

/**
 * The host redeems the guest's code. One transaction on the order's locked row: state and day
 * (409, 422), the lock after too many wrong codes (429), the code; then the payout from escrow,
 * the order checked in, its credential deleted, OrderCheckedIn appended. A wrong code is counted
 * in a transaction of its own that commits before the 422 goes out, so failed guesses add up.
 * A refund locks the same row: of a refund and a check-in exactly one wins.
 */
@CommandHandler(CheckInOrderCommand)
export class CheckInOrderHandler implements ICommandHandler<CheckInOrderCommand, Order> {
  constructor(
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository,
    @Inject(CHECK_IN_CREDENTIAL_REPOSITORY)
    private readonly credentials: CheckInCredentialRepository,
    @Inject(CHECK_IN_CODES) private readonly codes: CheckInCodes,
    private readonly escrow: Escrow,
    @Inject(OUTBOX) private readonly outbox: Outbox,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ actorId, orderId, code }: CheckInOrderCommand): Promise<Order> {
    const outcome = await this.uow.run(async () => {
      const order = await this.orders.lockById(orderId);
      // Only the host checks in; to anyone else (the guest included) there is nothing here.
      if (!order || order.hostId !== actorId) throw new NotFoundError('Order');
      const now = this.clock.now();
      order.assertCheckable(now);
      const credential = await this.credentials.findByOrderId(order.id);
      if (!credential) throw new Error(`Paid order ${order.id} has no check-in credential`);
      credential.assertOpen(now);
      if (!this.codes.matches(order.id, code, credential.codeHash)) {
        const attemptsLeft = credential.recordWrongCode(now);
        await this.credentials.save(credential);
        return { wrongCode: true as const, attemptsLeft };
      }
      order.checkIn(now, await this.escrow.payOut(order));
      await this.orders.save(order);
      await this.credentials.delete(order.id);
      await this.outbox.append(orderSettled(ORDER_CHECKED_IN, newId(now.getTime()), order, now));
      return { wrongCode: false as const, order };
    });
    if (outcome.wrongCode) throw new CheckInCodeInvalidError(outcome.attemptsLeft);
    return outcome.order;
  }
}
