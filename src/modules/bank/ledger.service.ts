import { Inject, Injectable } from '@nestjs/common';
import { Account } from '@domain/bank/account.aggregate';
import { ACCOUNT_REPOSITORY, AccountRepository } from '@domain/bank/account.repository';
import { moneyTransferred } from '@domain/bank/events/money-transferred.event';
import { LedgerMove, LedgerPort } from '@domain/bank/ledger.port';
import { Money } from '@domain/bank/money.value-object';
import { executeTransfer, Transfer, TransferKind } from '@domain/bank/transfer';
import { CLOCK, Clock } from '@domain/shared/clock';
import { NotFoundError } from '@domain/shared/domain-error';
import { OUTBOX, Outbox } from '@domain/shared/domain-event';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { newId } from '@domain/shared/uuid';

/**
 * The only code that moves money. Every movement: lock both accounts in id order, apply the
 * domain rules, write transfer + 2 entries + 2 balances + the MoneyTransferred outbox row,
 * all in the caller's transaction (or a new one).
 */
@Injectable()
export class LedgerService implements LedgerPort {
  constructor(
    @Inject(ACCOUNT_REPOSITORY) private readonly accounts: AccountRepository,
    @Inject(OUTBOX) private readonly outbox: Outbox,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Moves money between two accounts given by id: locks both (in id order), then as below. */
  move(move: LedgerMove): Promise<Transfer> {
    const money = Money.of(move.amount, move.currency);
    return this.uow.run(async () => {
      const locked = await this.accounts.lockInIdOrder([move.fromAccountId, move.toAccountId]);
      const from = locked.get(move.fromAccountId);
      const to = locked.get(move.toAccountId);
      if (!from || !to) throw new NotFoundError('Account');
      return this.moveBetweenLockedAccounts(from, to, money, move.kind, move.note ?? null);
    });
  }

  /**
   * Moves money between two accounts the caller has already locked (the bank's own handlers,
   * which check ownership on the locked rows).
   */
  async moveBetweenLockedAccounts(
    from: Account,
    to: Account,
    money: Money,
    kind: TransferKind,
    note: string | null,
  ): Promise<Transfer> {
    const now = this.clock.now();
    const ts = now.getTime();
    const result = executeTransfer({
      from,
      to,
      money,
      kind,
      note,
      ids: { transfer: newId(ts), debit: newId(ts), credit: newId(ts) },
      now,
    });
    await this.accounts.record(result, [from, to]);
    await this.outbox.append(moneyTransferred(newId(ts), result.transfer));
    return result.transfer;
  }
}
