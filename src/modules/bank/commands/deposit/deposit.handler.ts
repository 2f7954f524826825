import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ACCOUNT_REPOSITORY, AccountRepository } from '@domain/bank/account.repository';
import { Money } from '@domain/bank/money.value-object';
import { Transfer } from '@domain/bank/transfer';
import { NotFoundError } from '@domain/shared/domain-error';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { LedgerService } from '@modules/bank/ledger.service';
import { DepositCommand } from './deposit.command';

/** Money enters the system from the currency's cash account, so balances still sum to 0. */
@CommandHandler(DepositCommand)
export class DepositHandler implements ICommandHandler<DepositCommand, Transfer> {
  constructor(
    @Inject(ACCOUNT_REPOSITORY) private readonly accounts: AccountRepository,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    private readonly ledger: LedgerService,
  ) {}

  execute({ accountId, amount }: DepositCommand): Promise<Transfer> {
    return this.uow.run(async () => {
      const target = await this.accounts.findById(accountId);
      if (!target || target.isSystem) throw new NotFoundError('Account');
      const money = Money.of(amount, target.currency);
      const cashId = this.accounts.systemAccountId('cash', target.currency);
      const locked = await this.accounts.lockInIdOrder([cashId, accountId]);
      return this.ledger.moveBetweenLockedAccounts(
        locked.get(cashId)!,
        locked.get(accountId)!,
        money,
        'deposit',
        null,
      );
    });
  }
}
