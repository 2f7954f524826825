import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ACCOUNT_DIRECTORY, AccountDirectory } from '@domain/bank/account-directory.port';
import { CurrencyMismatchError } from '@domain/bank/bank.errors';
import { Currency, CURRENCIES } from '@domain/bank/money.value-object';
import { CLOCK, Clock } from '@domain/shared/clock';
import { NotFoundError } from '@domain/shared/domain-error';
import { OUTBOX, Outbox } from '@domain/shared/domain-event';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { newId } from '@domain/shared/uuid';
import { CheckInCredential } from '@domain/stay/check-in-credential';
import {
  CHECK_IN_CREDENTIAL_REPOSITORY,
  CheckInCredentialRepository,
} from '@domain/stay/check-in-credential.repository';
import { CHECK_IN_CODES, CheckInCodes } from '@domain/stay/check-in-codes.port';
import { orderCheckOutDue } from '@domain/stay/events/order-check-out-due.event';
import { orderPaid } from '@domain/stay/events/order-paid.event';
import { Order } from '@domain/stay/order.aggregate';
import { ORDER_REPOSITORY, OrderRepository } from '@domain/stay/order.repository';
import { Escrow } from '../../escrow';
import { PayOrderCommand } from './pay-order.command';

/**
 * One transaction: lock the order row, decide on the locked row (still pending, deadline
 * not passed), move the money into escrow through the ledger (which joins this transaction),
 * mark the order paid, store the hash of its check-in code, append OrderPaid (the emails) and
 * OrderCheckOutDue (the no-show's delayed job). The deadline's cancellation locks the same row,
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
      // Held in escrow until check-in: the host is paid then, so a refund never claws back.
      const transferId = await this.escrow.hold(order, accountId);
      order.markPaid(transferId, accountId, now);
      await this.orders.save(order);
      const code = this.codes.codeFor(order.id, transferId);
      await this.credentials.insert(
        CheckInCredential.issue(order.id, this.codes.hash(order.id, code)),
      );
      await this.outbox.append(
        orderPaid(newId(now.getTime()), order, now),
        orderCheckOutDue(newId(now.getTime()), order, now),
      );
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
