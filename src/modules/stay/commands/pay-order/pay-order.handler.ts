import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ACCOUNT_DIRECTORY, AccountDirectory } from '@domain/bank/account-directory.port';
import { CurrencyMismatchError } from '@domain/bank/bank.errors';
import { Currency, CURRENCIES } from '@domain/bank/money.value-object';
import { CLOCK, Clock } from '@domain/shared/clock';
import { NotFoundError } from '@domain/shared/domain-error';
import { OUTBOX, Outbox } from '@domain/shared/domain-event';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import {
  CHECK_IN_CREDENTIAL_REPOSITORY,
  CheckInCredentialRepository,
} from '@domain/stay/check-in-credential.repository';
import { CHECK_IN_CODES, CheckInCodes } from '@domain/stay/check-in-codes.port';
import { Order } from '@domain/stay/order.aggregate';
import { ORDER_REPOSITORY, OrderRepository } from '@domain/stay/order.repository';
import { Escrow } from '../../escrow';
import { payLockedOrder } from '../../pay-locked-order';
import { PayOrderCommand } from './pay-order.command';

/**
 * One transaction: lock the order row, decide on the locked row (still pending, deadline
 * not passed), then payLockedOrder (shared with provider payments, StayOrderPayments): the
 * money into escrow through the ledger (which joins this transaction), the order paid, the
 * hash of its check-in code, OrderPaid (the emails) and OrderCheckOutDue (the no-show's job). The deadline's cancellation locks the same row,
 * so of a payment and a timeout exactly one wins, and money moves only if the order becomes paid.
 */
@CommandHandler(PayOrderCommand)
export class PayOrderHandler implements ICommandHandler<PayOrderCommand, Order> {
  constructor(
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository,
    @Inject(ACCOUNT_DIRECTORY) private readonly accounts: AccountDirectory,
    @Inject(CHECK_IN_CREDENTIAL_REPOSITORY)
    private readonly credentials: CheckInCredentialRepository,
    @Inject(CHECK_IN_CODES) private readonly codes: CheckInCodes,
    private readonly escrow: Escrow,
    @Inject(OUTBOX) private readonly outbox: Outbox,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ actorId, orderId, accountId }: PayOrderCommand): Promise<Order> {
    return this.uow.run(async () => {
      const order = await this.orders.lockById(orderId);
      // Only the guest pays; to anyone else (the host included) there is nothing to pay here.
      if (!order || order.guestId !== actorId) throw new NotFoundError('Order');
      const now = this.clock.now();
      order.assertPayable(now);
      await this.assertGuestAccount(actorId, accountId, order.currency);
      const { orders, credentials, codes, escrow, outbox } = this;
      await payLockedOrder({ orders, credentials, codes, escrow, outbox }, order, accountId, now);
      return order;
    });
  }

  /** The guest's own account in the order's currency; their account in another currency is a mismatch, anything else 404. */
  private async assertGuestAccount(
    guestId: string,
    accountId: string,
    currency: Currency,
  ): Promise<void> {
    if ((await this.accounts.findAccountId(guestId, currency)) === accountId) return;
    for (const other of CURRENCIES.filter((c) => c !== currency)) {
      if ((await this.accounts.findAccountId(guestId, other)) === accountId)
        throw new CurrencyMismatchError();
    }
    throw new NotFoundError('Account');
  }
}
