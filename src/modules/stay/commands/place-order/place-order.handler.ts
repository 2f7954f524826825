import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@domain/shared/clock';
import { NotFoundError } from '@domain/shared/domain-error';
import { OUTBOX, Outbox } from '@domain/shared/domain-event';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { newId } from '@domain/shared/uuid';
import { orderPaymentDue } from '@domain/stay/events/order-payment-due.event';
import { HOMESTAY_REPOSITORY, HomestayRepository } from '@domain/stay/homestay.repository';
import { Order } from '@domain/stay/order.aggregate';
import { ORDER_REPOSITORY, OrderRepository } from '@domain/stay/order.repository';
import { StayDates } from '@domain/stay/stay-dates.value-object';
import { DatesUnavailableError } from '@domain/stay/stay.errors';
import { AppConfig } from '@infra/config/app-config';
import { PlaceOrderCommand } from './place-order.command';

/**
 * No double booking, across any number of API processes: the homestay row is locked
 * (FOR UPDATE) while its live orders are checked for overlap and the new one is inserted,
 * so two overlapping bookings of one homestay run one after the other and the second sees
 * the first. The payment deadline is scheduled in the same transaction (a delayed outbox event).
 *
 * No holding dates without paying: the guest is locked first (always guest, then homestay) and
 * their unpaid orders counted, so parallel placements by one guest can't pass
 * MAX_PENDING_ORDERS together (422 PENDING_ORDER_LIMIT).
 */
@CommandHandler(PlaceOrderCommand)
export class PlaceOrderHandler implements ICommandHandler<PlaceOrderCommand, Order> {
  constructor(
    @Inject(HOMESTAY_REPOSITORY) private readonly homestays: HomestayRepository,
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository,
    @Inject(OUTBOX) private readonly outbox: Outbox,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  execute(cmd: PlaceOrderCommand): Promise<Order> {
    const dates = StayDates.request(cmd.checkIn, cmd.checkOut, this.clock.now());
    return this.uow.run(async () => {
      const pending = await this.orders.lockGuestAndCountPending(cmd.guestId, this.clock.now());
      const homestay = await this.homestays.lockById(cmd.homestayId);
      if (!homestay) throw new NotFoundError('Homestay');
      const now = this.clock.now();
      const order = Order.place({
        id: newId(now.getTime()),
        homestay,
        guestId: cmd.guestId,
        dates,
        guests: cmd.guests,
        now,
        paymentTimeoutSeconds: this.config.env.ORDER_PAYMENT_TIMEOUT_SECONDS,
        pendingOrdersOfGuest: pending,
        maxPendingOrders: this.config.env.MAX_PENDING_ORDERS,
      });
      if (await this.orders.hasLiveOverlap(homestay.id, dates, now))
        throw new DatesUnavailableError();
      await this.orders.insert(order);
      await this.outbox.append(orderPaymentDue(newId(now.getTime()), order, now));
      return order;
    });
  }
}
