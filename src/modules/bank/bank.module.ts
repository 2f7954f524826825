import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LEDGER } from '@domain/bank/ledger.port';
import { CLOCK, systemClock } from '@domain/shared/clock';
import {
  AccountDirectoryPersistenceModule,
  BankPersistenceModule,
} from '@infra/persistence/bank/bank-persistence.module';
import { DepositHandler } from './commands/deposit/deposit.handler';
import { DepositHttpController } from './commands/deposit/deposit.http.controller';
import { OpenAccountHandler } from './commands/open-account/open-account.handler';
import { OpenAccountHttpController } from './commands/open-account/open-account.http.controller';
import { TransferMoneyHandler } from './commands/transfer-money/transfer-money.handler';
import { TransferMoneyHttpController } from './commands/transfer-money/transfer-money.http.controller';
import { LedgerService } from './ledger.service';
import { GetAccountHandler } from './queries/get-account/get-account.handler';
import { GetAccountHttpController } from './queries/get-account/get-account.http.controller';
import { GetTransferHandler } from './queries/get-transfer/get-transfer.handler';
import { GetTransferHttpController } from './queries/get-transfer/get-transfer.http.controller';
import { ListAccountsHandler } from './queries/list-accounts/list-accounts.handler';
import { ListAccountsHttpController } from './queries/list-accounts/list-accounts.http.controller';
import { ListEntriesHandler } from './queries/list-entries/list-entries.handler';
import { ListEntriesHttpController } from './queries/list-entries/list-entries.http.controller';

/**
 * Bank: the double-entry ledger. Other contexts import this module for the two ports it
 * exports: LEDGER (LedgerPort), the only way they move money, and ACCOUNT_DIRECTORY
 * (AccountDirectory, re-exported with its adapter's module), to find a user's account.
 */
@Module({
  imports: [CqrsModule, BankPersistenceModule, AccountDirectoryPersistenceModule],
  controllers: [
    OpenAccountHttpController,
    ListAccountsHttpController,
    GetAccountHttpController,
    ListEntriesHttpController,
    DepositHttpController,
    TransferMoneyHttpController,
    GetTransferHttpController,
  ],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    LedgerService,
    { provide: LEDGER, useExisting: LedgerService },
    OpenAccountHandler,
    DepositHandler,
    TransferMoneyHandler,
    ListAccountsHandler,
    GetAccountHandler,
    ListEntriesHandler,
    GetTransferHandler,
  ],
  exports: [LEDGER, AccountDirectoryPersistenceModule],
})
export class BankModule {}
