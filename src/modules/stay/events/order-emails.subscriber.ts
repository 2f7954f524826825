import { Inject, Injectable } from '@nestjs/common';
import { USER_DIRECTORY, UserDirectory } from '@domain/identity/user-directory.port';
import { DomainEvent, DomainEventHandler } from '@domain/shared/domain-event';
import { MAILER, Mailer, MailMessage } from '@domain/shared/mailer.port';
import { CHECK_IN_CODES, CheckInCodes } from '@domain/stay/check-in-codes.port';
import { ORDER_PAID } from '@domain/stay/events/order-paid.event';
import {
  ORDER_CHECKED_IN,
  ORDER_NO_SHOW,
  ORDER_REFUNDED,
} from '@domain/stay/events/order-settled.events';
import { OrderProps, OrderStatus } from '@domain/stay/order.aggregate';
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
 * One subscriber per event and recipient (own dedupe mark): a failed host email is retried
 * without sending the guest's again. Each reads the order (homestays are never deleted, and the
 * mail names only the homestay's id), and skips silently
 * when the order is no longer in the state the event announced (a refund that overtook the paid
 * email) or there is nobody to tell (order gone, user without an email address).
 * The mails carry no text another user chose (the homestay's title is the host's): a title such
 * as "Visit http://evil.example/refund" would otherwise reach the guest as the platform's words.
 */
abstract class OrderEmailSubscriber implements DomainEventHandler {
  constructor(
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository,
    @Inject(USER_DIRECTORY) private readonly contacts: UserDirectory,
    @Inject(MAILER) private readonly mailer: Mailer,
  ) {}

  /** The order's status the event announced. */
  protected abstract readonly status: OrderStatus;
  protected abstract recipientOf(order: Readonly<OrderProps>): string;
  protected abstract compose(order: Readonly<OrderProps>): Omit<MailMessage, 'to'>;

  async handle(event: DomainEvent): Promise<void> {
    const order = await this.orders.findById(event.aggregateId);
    if (!order || order.status !== this.status) return;
    const o = order.snapshot();
    const to = await this.contacts.emailOf(this.recipientOf(o));
    if (!to) return;
    await this.mailer.send({ to, ...this.compose(o) });
  }
}

const guest = (o: Readonly<OrderProps>) => o.guestId;
const host = (o: Readonly<OrderProps>) => o.hostId;

@Injectable()
@EventSubscriber({ name: 'stay.email-guest-order-paid', on: [ORDER_PAID] })
export class OrderPaidGuestEmailSubscriber extends OrderEmailSubscriber {
  @Inject(CHECK_IN_CODES) private readonly codes!: CheckInCodes;
  protected readonly status = 'paid';
  protected recipientOf = guest;

  protected compose(o: Readonly<OrderProps>): Omit<MailMessage, 'to'> {
    // Derived again from the order and its payment: the code itself is stored nowhere.
    const code = this.codes.codeFor(o.id, o.transferId!);
    return {
      subject: `Booking confirmed: ${o.checkIn} to ${o.checkOut}`,
      text:
        `Your payment of ${money(o.amount, o.currency)} for homestay ${o.homestayId} is confirmed.\n` +
        `${stayLine(o)}\n` +
        `Your check-in code: ${code}\n` +
        `Show it to your host when you arrive; nobody from the platform will ever ask for it.\n` +
        `Order ${o.id}`,
    };
  }
}

@Injectable()
@EventSubscriber({ name: 'stay.email-host-order-paid', on: [ORDER_PAID] })
export class OrderPaidHostEmailSubscriber extends OrderEmailSubscriber {
  protected readonly status = 'paid';
  protected recipientOf = host;

  protected compose(o: Readonly<OrderProps>): Omit<MailMessage, 'to'> {
    return {
      subject: `New paid booking: ${o.checkIn} to ${o.checkOut}`,
      text:
        `Your homestay ${o.homestayId} is booked and paid: ${money(o.amount, o.currency)} is held in escrow ` +
        `and paid out to your ${o.currency} account when you check the guest in with their code.\n` +
        `${stayLine(o)}\n` +
        `Order ${o.id}`,
    };
  }
}

@Injectable()
@EventSubscriber({ name: 'stay.email-guest-order-checked-in', on: [ORDER_CHECKED_IN] })
export class OrderCheckedInGuestEmailSubscriber extends OrderEmailSubscriber {
  protected readonly status = 'checked_in';
  protected recipientOf = guest;

  protected compose(o: Readonly<OrderProps>): Omit<MailMessage, 'to'> {
    return {
      subject: `Checked in: ${o.checkIn} to ${o.checkOut}`,
      text: `You are checked in at homestay ${o.homestayId}.\n${stayLine(o)}\nOrder ${o.id}`,
    };
  }
}

@Injectable()
@EventSubscriber({ name: 'stay.email-host-order-checked-in', on: [ORDER_CHECKED_IN] })
export class OrderCheckedInHostEmailSubscriber extends OrderEmailSubscriber {
  protected readonly status = 'checked_in';
  protected recipientOf = host;

  protected compose(o: Readonly<OrderProps>): Omit<MailMessage, 'to'> {
    return {
      subject: `Guest checked in: ${o.checkIn} to ${o.checkOut}`,
      text:
        `Your guest is checked in at homestay ${o.homestayId}; the booking's payout was credited to your ${o.currency} account ` +
        `(transfer ${o.payoutTransferId}).\n${stayLine(o)}\nOrder ${o.id}`,
    };
  }
}

@Injectable()
@EventSubscriber({ name: 'stay.email-guest-order-refunded', on: [ORDER_REFUNDED] })
export class OrderRefundedGuestEmailSubscriber extends OrderEmailSubscriber {
  protected readonly status = 'refunded';
  protected recipientOf = guest;

  protected compose(o: Readonly<OrderProps>): Omit<MailMessage, 'to'> {
    return {
      subject: `Refunded: ${o.checkIn} to ${o.checkOut}`,
      text:
        `Your booking of homestay ${o.homestayId} is refunded: ${money(o.amount, o.currency)} was returned to the account you paid from.\n` +
        `${stayLine(o)}\nOrder ${o.id}`,
    };
  }
}

@Injectable()
@EventSubscriber({ name: 'stay.email-host-order-refunded', on: [ORDER_REFUNDED] })
export class OrderRefundedHostEmailSubscriber extends OrderEmailSubscriber {
  protected readonly status = 'refunded';
  protected recipientOf = host;

  protected compose(o: Readonly<OrderProps>): Omit<MailMessage, 'to'> {
    return {
      subject: `Booking refunded: ${o.checkIn} to ${o.checkOut}`,
      text:
        `The guest refunded their booking of your homestay ${o.homestayId}; these nights are bookable again.\n` +
        `${stayLine(o)}\nOrder ${o.id}`,
    };
  }
}

@Injectable()
@EventSubscriber({ name: 'stay.email-host-order-no-show', on: [ORDER_NO_SHOW] })
export class OrderNoShowHostEmailSubscriber extends OrderEmailSubscriber {
  protected readonly status = 'no_show';
  protected recipientOf = host;

  protected compose(o: Readonly<OrderProps>): Omit<MailMessage, 'to'> {
    return {
      subject: `No-show: ${o.checkIn} to ${o.checkOut}`,
      text:
        `Nobody checked in at homestay ${o.homestayId} for this stay; the booking's payout was credited to your ${o.currency} account ` +
        `(transfer ${o.payoutTransferId}).\n${stayLine(o)}\nOrder ${o.id}`,
    };
  }
}
