import { Inject, Injectable } from '@nestjs/common';
import { USER_DIRECTORY, UserDirectory } from '@domain/identity/user-directory.port';
import { DomainEvent, DomainEventHandler } from '@domain/shared/domain-event';
import { MAILER, Mailer, MailMessage } from '@domain/shared/mailer.port';
import { ORDER_PAID } from '@domain/stay/events/order-paid.event';
import { Homestay } from '@domain/stay/homestay.aggregate';
import { HOMESTAY_REPOSITORY, HomestayRepository } from '@domain/stay/homestay.repository';
import { OrderProps } from '@domain/stay/order.aggregate';
import { ORDER_REPOSITORY, OrderRepository } from '@domain/stay/order.repository';
import { EventSubscriber } from '@infra/queue/event-subscriber.decorator';

function money(amount: number, currency: string): string {
  return `${(amount / 100).toFixed(2)} ${currency}`;
}

function stayLine(o: Readonly<OrderProps>): string {
  return (
    `Check-in ${o.checkIn}, check-out ${o.checkOut} ` +
    `(${o.nights} night${o.nights === 1 ? '' : 's'}, ${o.guests} guest${o.guests === 1 ? '' : 's'}).`
  );
}

/**
 * Guest and host each get their own subscriber (own dedupe mark): a failed host email is
 * retried without sending the guest's again. Both read the paid order and its homestay, and
 * skip silently when there is nobody to tell (order gone, user without an email address).
 * The mails carry no text another user chose (the homestay's title is the host's): a title such
 * as "Visit http://evil.example/refund" would otherwise reach the guest as the platform's words.
 */
abstract class OrderPaidEmailSubscriber implements DomainEventHandler {
  constructor(
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository,
    @Inject(HOMESTAY_REPOSITORY) private readonly homestays: HomestayRepository,
    @Inject(USER_DIRECTORY) private readonly contacts: UserDirectory,
    @Inject(MAILER) private readonly mailer: Mailer,
  ) {}

  protected abstract recipientOf(order: Readonly<OrderProps>): string;
  protected abstract compose(
    order: Readonly<OrderProps>,
    homestay: Homestay,
  ): Omit<MailMessage, 'to'>;

  async handle(event: DomainEvent): Promise<void> {
    const order = await this.orders.findById(event.aggregateId);
    if (!order || order.status !== 'paid') return;
    const homestay = await this.homestays.findById(order.homestayId);
    if (!homestay) return;
    const o = order.snapshot();
    const to = await this.contacts.emailOf(this.recipientOf(o));
    if (!to) return;
    await this.mailer.send({ to, ...this.compose(o, homestay) });
  }
}

@Injectable()
@EventSubscriber({ name: 'stay.email-guest-order-paid', on: [ORDER_PAID] })
export class OrderPaidGuestEmailSubscriber extends OrderPaidEmailSubscriber {
  protected recipientOf(o: Readonly<OrderProps>): string {
    return o.guestId;
  }

  protected compose(o: Readonly<OrderProps>, homestay: Homestay): Omit<MailMessage, 'to'> {
    return {
      subject: `Booking confirmed: ${o.checkIn} to ${o.checkOut}`,
      text:
        `Your payment of ${money(o.amount, o.currency)} for homestay ${homestay.id} is confirmed.\n` +
        `${stayLine(o)}\n` +
        `Your check-in code: ${o.checkInCode}\n` +
        `Order ${o.id}`,
    };
  }
}

@Injectable()
@EventSubscriber({ name: 'stay.email-host-order-paid', on: [ORDER_PAID] })
export class OrderPaidHostEmailSubscriber extends OrderPaidEmailSubscriber {
  protected recipientOf(o: Readonly<OrderProps>): string {
    return o.hostId;
  }

  protected compose(o: Readonly<OrderProps>, homestay: Homestay): Omit<MailMessage, 'to'> {
    return {
      subject: `New paid booking: ${o.checkIn} to ${o.checkOut}`,
      text:
        `Your homestay ${homestay.id} is booked and paid: ${money(o.amount, o.currency)} was credited to your ${o.currency} account.\n` +
        `${stayLine(o)}\n` +
        `Order ${o.id}`,
    };
  }
}
