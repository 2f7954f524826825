import { Module } from '@nestjs/common';
import { ACCOUNT_DIRECTORY } from '@domain/bank/account-directory.port';
import { ACCOUNT_REPOSITORY } from '@domain/bank/account.repository';
import { SYSTEM_ACCOUNT_MOVEMENTS } from '@domain/bank/system-account-movements.port';
import { TypeormAccountDirectory } from './typeorm-account-directory';
import { TypeormAccountRepository } from './typeorm-account.repository';
import { TypeormSystemAccountMovements } from './typeorm-system-account-movements';

/** The bank's own adapters: the account repository, used inside the bank only. */
@Module({
  providers: [{ provide: ACCOUNT_REPOSITORY, useClass: TypeormAccountRepository }],
  exports: [ACCOUNT_REPOSITORY],
})
export class BankPersistenceModule {}

/**
 * The adapter behind ACCOUNT_DIRECTORY, the bank's read port for other contexts. BankModule
 * imports and re-exports it, so other contexts get it by importing BankModule. Also
 * SYSTEM_ACCOUNT_MOVEMENTS, the read port payment reconciliation uses.
 */
@Module({
  providers: [
    { provide: ACCOUNT_DIRECTORY, useClass: TypeormAccountDirectory },
    { provide: SYSTEM_ACCOUNT_MOVEMENTS, useClass: TypeormSystemAccountMovements },
  ],
  exports: [ACCOUNT_DIRECTORY, SYSTEM_ACCOUNT_MOVEMENTS],
})
export class AccountDirectoryPersistenceModule {}
