import { Module } from '@nestjs/common';
import { ACCOUNT_DIRECTORY } from '../../../domain/bank/account-directory.port';
import { ACCOUNT_REPOSITORY } from '../../../domain/bank/account.repository';
import { TypeormAccountDirectory } from './typeorm-account-directory';
import { TypeormAccountRepository } from './typeorm-account.repository';

@Module({
  providers: [
    { provide: ACCOUNT_REPOSITORY, useClass: TypeormAccountRepository },
    { provide: ACCOUNT_DIRECTORY, useClass: TypeormAccountDirectory },
  ],
  exports: [ACCOUNT_REPOSITORY, ACCOUNT_DIRECTORY],
})
export class BankPersistenceModule {}
