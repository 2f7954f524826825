import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@domain/shared/clock';
import { NotFoundError } from '@domain/shared/domain-error';
import { OUTBOX, Outbox } from '@domain/shared/domain-event';
import {
  CHECK_IN_CREDENTIAL_REPOSITORY,
  CheckInCredentialRepository,
} from '@domain/stay/check-in-credential.repository';
import { CHECK_IN_CODES, CheckInCodes } from '@domain/stay/check-in-codes.port';
import { OrderPaymentOutcome, OrderPayments, OrderToPay } from '@domain/stay/order-payments.port';
import { ORDER_REPOSITORY, OrderRepository } from '@domain/stay/order.repository';
import { OrderNotPayableError } from '@domain/stay/stay.errors';
import { Escrow } from './escrow';
import { payLockedOrder } from './pay-locked-order';

/**
 * ORDER_PAYMENTS, which StayModule exports: orders paid from outside the stay context (the
 * payment context's provider payments, from the `clearing` account), through the same path
 * as a balance payment (payLockedOrder), in the caller's transaction.
 */
@Injectable()
export class StayOrderPayments implements OrderPayments {
  constructor(
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository,
    @Inject(CHECK_IN_CREDENTIAL_REPOSITORY)
    private readonly credentials: CheckInCredentialRepository,
    @Inject(CHECK_IN_CODES) private readonly codes: CheckInCodes,
    private readonly escrow: Escrow,
    @Inject(OUTBOX) private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async orderToPay(guestId: string, orderId: string): Promise<OrderToPay> {
    const order = await this.orders.findById(orderId);
    // Only the guest pays; to anyone else (the host included) there is nothing to pay here.
    if (!order || order.guestId !== guestId) throw new NotFoundError('Order');
    order.assertPayable(this.clock.now());
    return { orderId: order.id, amount: order.amount, currency: order.currency };
  }

  async payFrom(orderId: string, fromAccountId: string): Promise<OrderPaymentOutcome> {
    const order = await this.orders.lockById(orderId);
    if (!order) return { paid: false, reason: 'the order does not exist' };
    const now = this.clock.now();
    try {
      order.assertPayable(now);
    } catch (err) {
      if (err instanceof OrderNotPayableError) return { paid: false, reason: err.message };
      throw err;
    }
    const { orders, credentials, codes, escrow, outbox } = this;
    const transferId = await payLockedOrder(
      { orders, credentials, codes, escrow, outbox },
      order,
      fromAccountId,
      now,
    );
    return { paid: true, transferId };
  }
}
