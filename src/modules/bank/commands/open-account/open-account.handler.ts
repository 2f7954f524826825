import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Account } from '@domain/bank/account.aggregate';
import { ACCOUNT_REPOSITORY, AccountRepository } from '@domain/bank/account.repository';
import { CLOCK, Clock } from '@domain/shared/clock';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { newId } from '@domain/shared/uuid';
import { OpenAccountCommand } from './open-account.command';

/** One account per (owner, currency); the unique key decides races (409 ACCOUNT_EXISTS). */
@CommandHandler(OpenAccountCommand)
export class OpenAccountHandler implements ICommandHandler<OpenAccountCommand, Account> {
  constructor(
    @Inject(ACCOUNT_REPOSITORY) private readonly accounts: AccountRepository,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ ownerId, currency }: OpenAccountCommand): Promise<Account> {
    const now = this.clock.now();
    const account = Account.open(newId(now.getTime()), ownerId, currency, now);
    await this.uow.run(() => this.accounts.insert(account));
    return account;
  }
}
