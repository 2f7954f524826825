import type { CommandBus } from '@nestjs/cqrs';
import { Currency, CURRENCIES } from '@domain/bank/money.value-object';
import { newId } from '@domain/shared/uuid';
import { Homestay } from '@domain/stay/homestay.aggregate';
import { Order } from '@domain/stay/order.aggregate';
import { StayDates } from '@domain/stay/stay-dates.value-object';
import { AppConfig } from '@infra/config/app-config';
import { HmacCheckInCodes } from '@infra/security/hmac-check-in-codes';
import { CheckInOrderCommand } from '@modules/stay/commands/check-in-order/check-in-order.command';
import { CheckInOrderHandler } from '@modules/stay/commands/check-in-order/check-in-order.handler';
import { ExpireUnpaidOrderCommand } from '@modules/stay/commands/expire-unpaid-orders/expire-unpaid-order.command';
import { ExpireUnpaidOrderHandler } from '@modules/stay/commands/expire-unpaid-orders/expire-unpaid-order.handler';
import { PayOrderCommand } from '@modules/stay/commands/pay-order/pay-order.command';
import { PayOrderHandler } from '@modules/stay/commands/pay-order/pay-order.handler';
import { RefundOrderCommand } from '@modules/stay/commands/refund-order/refund-order.command';
import { RefundOrderHandler } from '@modules/stay/commands/refund-order/refund-order.handler';
import { SettleNoShowCommand } from '@modules/stay/commands/settle-no-show/settle-no-show.command';
import { SettleNoShowHandler } from '@modules/stay/commands/settle-no-show/settle-no-show.handler';
import { Escrow } from '@modules/stay/escrow';
import { OrderDeadlinesSweeper } from '@modules/stay/order-deadlines.sweeper';
import { inMemoryLedger, InMemoryAccountDirectory, InMemoryAccountRepository } from './bank';
import { FakeClock } from './clock';
import { InMemoryOutbox } from './outbox';
import { InMemoryCheckInCredentialRepository, InMemoryOrderRepository } from './stay';
import { InMemoryUnitOfWork } from './unit-of-work';

/** The stay settings the handlers read; a test may change them between commands. */
export interface StayEnv {
  PLATFORM_FEE_BPS: number;
  REFUND_CUTOFF_HOURS: number;
}

/**
 * The stay context's order handlers over one set of in-memory ports and the real ledger, as the
 * app wires them: pay, check-in, refund, no-show, expiry, and the deadline sweep (through a
 * command bus that knows only these handlers). Money moves through the bank's own rules, so
 * `ledgerProblems()` checks what `npm run ledger:check` checks, escrow included.
 */
export class StayWorld {
  static readonly GUEST = 'guest';
  static readonly HOST = 'host';
  static readonly PRICE = 120;
  static readonly NIGHTS = 3;
  static readonly AMOUNT = StayWorld.PRICE * StayWorld.NIGHTS;
  /** The default stay: 00:00 UTC of check-in and of check-out. */
  static readonly CHECK_IN = '2030-06-01';
  static readonly CHECK_OUT = '2030-06-04';

  readonly accounts = new InMemoryAccountRepository();
  readonly orders = new InMemoryOrderRepository();
  readonly credentials = new InMemoryCheckInCredentialRepository();
  readonly outbox = new InMemoryOutbox();
  readonly uow = new InMemoryUnitOfWork(this.accounts, this.orders, this.credentials, this.outbox);
  readonly clock = new FakeClock('2030-05-01T09:00:00.000Z');
  readonly codes = new HmacCheckInCodes('unit-test-secret');
  readonly env: StayEnv;
  readonly config: AppConfig;
  readonly directory = new InMemoryAccountDirectory(this.accounts);
  readonly ledger = inMemoryLedger(this.accounts, this.outbox, this.uow, this.clock);
  readonly escrow: Escrow;
  readonly payHandler: PayOrderHandler;
  readonly checkInHandler: CheckInOrderHandler;
  readonly refundHandler: RefundOrderHandler;
  readonly settleNoShowHandler: SettleNoShowHandler;
  readonly expireHandler: ExpireUnpaidOrderHandler;
  readonly sweeper: OrderDeadlinesSweeper;
  /** Every order the world placed (for the escrow invariant). */
  private readonly orderIds: string[] = [];

  readonly guestUsd: string;
  readonly hostUsd: string;

  constructor(env: Partial<StayEnv> = {}) {
    this.env = { PLATFORM_FEE_BPS: 0, REFUND_CUTOFF_HOURS: 24, ...env };
    this.config = { env: this.env } as unknown as AppConfig;
    this.escrow = new Escrow(this.directory, this.ledger, this.config);
    const { orders, credentials, codes, escrow, outbox, uow, clock } = this;
    this.payHandler = new PayOrderHandler(
      orders,
      this.directory,
      credentials,
      codes,
      escrow,
      outbox,
      uow,
      clock,
    );
    this.checkInHandler = new CheckInOrderHandler(
      orders,
      credentials,
      codes,
      escrow,
      outbox,
      uow,
      clock,
    );
    this.refundHandler = new RefundOrderHandler(
      orders,
      credentials,
      escrow,
      outbox,
      uow,
      clock,
      this.config,
    );
    this.settleNoShowHandler = new SettleNoShowHandler(
      orders,
      credentials,
      escrow,
      outbox,
      uow,
      clock,
    );
    this.expireHandler = new ExpireUnpaidOrderHandler(orders, uow, clock);
    const bus = {
      execute: (command: unknown) => {
        if (command instanceof SettleNoShowCommand)
          return this.settleNoShowHandler.execute(command);
        if (command instanceof ExpireUnpaidOrderCommand) return this.expireHandler.execute(command);
        throw new Error(`no handler for ${String(command)}`);
      },
    } as unknown as CommandBus;
    this.sweeper = new OrderDeadlinesSweeper(orders, clock, bus, this.config);
    this.guestUsd = this.accounts.givenAccount(StayWorld.GUEST, 'USD', 1_000);
    this.hostUsd = this.accounts.givenAccount(StayWorld.HOST, 'USD', 0);
  }

  systemAccount(role: 'escrow' | 'revenue' | 'cash', currency: Currency = 'USD'): string {
    return this.accounts.systemAccountId(role, currency);
  }

  /** A pending order of the default stay (or the given one), placed now by `guestId`. */
  placeOrder(
    opts: { guestId?: string; checkIn?: string; checkOut?: string; currency?: Currency } = {},
  ): Order {
    const now = this.clock.now();
    const homestay = Homestay.create(
      newId(),
      StayWorld.HOST,
      {
        title: 'Cabin',
        description: 'By the lake',
        city: 'Oslo',
        pricePerNight: StayWorld.PRICE,
        currency: opts.currency ?? 'USD',
        maxGuests: 2,
      },
      now,
    );
    const order = Order.place({
      id: newId(),
      homestay,
      guestId: opts.guestId ?? StayWorld.GUEST,
      dates: StayDates.request(
        opts.checkIn ?? StayWorld.CHECK_IN,
        opts.checkOut ?? StayWorld.CHECK_OUT,
        now,
      ),
      guests: 1,
      now,
      paymentTimeoutSeconds: 900,
      pendingOrdersOfGuest: 0,
      maxPendingOrders: 1_000,
    });
    this.orderIds.push(order.id);
    return this.orders.given(order);
  }

  /** A placed order paid by its guest through PayOrderHandler (from `accountId`, by default the guest's USD account). */
  async paidOrder(
    opts: Parameters<StayWorld['placeOrder']>[0] & { accountId?: string } = {},
  ): Promise<Order> {
    const order = this.placeOrder(opts);
    return this.pay(opts.guestId ?? StayWorld.GUEST, order.id, opts.accountId ?? this.guestUsd);
  }

  pay(actorId: string, orderId: string, accountId: string): Promise<Order> {
    return this.payHandler.execute(new PayOrderCommand(actorId, orderId, accountId));
  }

  checkIn(actorId: string, orderId: string, code: string): Promise<Order> {
    return this.checkInHandler.execute(new CheckInOrderCommand(actorId, orderId, code));
  }

  refund(actorId: string, orderId: string): Promise<Order> {
    return this.refundHandler.execute(new RefundOrderCommand(actorId, orderId));
  }

  settleNoShow(orderId: string): Promise<boolean> {
    return this.settleNoShowHandler.execute(new SettleNoShowCommand(orderId));
  }

  /** The code the guest of a paid order was emailed. */
  codeOf(orderId: string): string {
    const transferId = this.orders.row(orderId)?.transferId;
    if (!transferId) throw new Error(`order ${orderId} was never paid`);
    return this.codes.codeFor(orderId, transferId);
  }

  /** A 6-digit code that is not the order's. */
  wrongCodeOf(orderId: string): string {
    return String((Number(this.codeOf(orderId)) + 1) % 1_000_000).padStart(6, '0');
  }

  /** Sets the clock to `iso` (e.g. 00:00 UTC of a day, plus `deltaMs`). */
  at(iso: string, deltaMs = 0): Date {
    this.clock.set(new Date(new Date(iso).getTime() + deltaMs));
    return this.clock.now();
  }

  /**
   * What `npm run ledger:check` verifies: the ledger's own invariants (zero sum, balances =
   * entries, two entries per transfer) and, per currency, escrow = the amounts of the orders
   * still paid. Empty when all hold.
   */
  ledgerProblems(): string[] {
    const problems = this.accounts.ledgerProblems();
    const held = new Map<Currency, number>();
    for (const id of this.orderIds) {
      const o = this.orders.row(id)!;
      if (o.status === 'paid') held.set(o.currency, (held.get(o.currency) ?? 0) + o.amount);
    }
    for (const currency of CURRENCIES) {
      const escrow = this.accounts.balanceOf(this.systemAccount('escrow', currency));
      const expected = held.get(currency) ?? 0;
      if (escrow !== expected)
        problems.push(`escrow ${currency} holds ${escrow}, paid orders ${expected}`);
    }
    return problems;
  }
}
