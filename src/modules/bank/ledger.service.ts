import { Inject, Injectable } from '@nestjs/common';
import { Account } from '../../domain/bank/account.aggregate';
import { ACCOUNT_REPOSITORY, AccountRepository } from '../../domain/bank/account.repository';
import { moneyTransferred } from '../../domain/bank/events/money-transferred.event';
import { LedgerMove, LedgerPort } from '../../domain/bank/ledger.port';
import { Money } from '../../domain/bank/money.value-object';
import { executeTransfer, Transfer, TransferKind } from '../../domain/bank/transfer.entity';
import { CLOCK, Clock } from '../../domain/shared/clock';
import { NotFoundError } from '../../domain/shared/domain-error';
import { OUTBOX, Outbox } from '../../domain/shared/domain-event';
import { UNIT_OF_WORK, UnitOfWork } from '../../domain/shared/unit-of-work';
import { newId } from '../../domain/shared/uuid';

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

  move(move: LedgerMove): Promise<Transfer> {
    const money = Money.of(move.amount, move.currency);
    return this.uow.run(async () => {
      const locked = await this.accounts.lockInIdOrder([move.fromAccountId, move.toAccountId]);
      const from = locked.get(move.fromAccountId);
      const to = locked.get(move.toAccountId);
      if (!from || !to) throw new NotFoundError('Account');
      return this.apply(from, to, money, move.kind, move.note ?? null);
    });
  }

  /** For callers that already hold the locks (they checked ownership on the locked rows). */
  async apply(from: Account, to: Account, money: Money, kind: TransferKind, note: string | null): Promise<Transfer> {
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
