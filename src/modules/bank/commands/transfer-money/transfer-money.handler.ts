import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ACCOUNT_REPOSITORY, AccountRepository } from '@domain/bank/account.repository';
import { SameAccountError } from '@domain/bank/bank.errors';
import { Money } from '@domain/bank/money.value-object';
import { Transfer } from '@domain/bank/transfer';
import { NotFoundError } from '@domain/shared/domain-error';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { LedgerService } from '@modules/bank/ledger.service';
import { TransferMoneyCommand } from './transfer-money.command';

/**
 * One transaction: lock both accounts in id order (SELECT ... FOR UPDATE), check the rules
 * on the locked rows, write everything. Deadlocks and lock timeouts are retried by the unit
 * of work with jittered backoff; clients never see them.
 */
@CommandHandler(TransferMoneyCommand)
export class TransferMoneyHandler implements ICommandHandler<TransferMoneyCommand, Transfer> {
  constructor(
    @Inject(ACCOUNT_REPOSITORY) private readonly accounts: AccountRepository,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    private readonly ledger: LedgerService,
  ) {}

  execute(cmd: TransferMoneyCommand): Promise<Transfer> {
    const money = Money.of(cmd.amount, cmd.currency);
    return this.uow.run(async () => {
      const locked = await this.accounts.lockInIdOrder([cmd.fromAccountId, cmd.toAccountId]);
      const from = locked.get(cmd.fromAccountId);
      // Someone else's account is indistinguishable from a missing one.
      if (!from || from.ownerId !== cmd.actorId) throw new NotFoundError('Account');
      if (cmd.fromAccountId === cmd.toAccountId) throw new SameAccountError();
      const to = locked.get(cmd.toAccountId);
      // A system account is not a transfer target: to a user it does not exist.
      if (!to || to.isSystem) throw new NotFoundError('Account');
      return this.ledger.moveBetweenLockedAccounts(from, to, money, 'transfer', cmd.note);
    });
  }
}
