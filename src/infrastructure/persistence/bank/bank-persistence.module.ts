import { Module } from '@nestjs/common';
import { ACCOUNT_REPOSITORY } from '../../../domain/bank/account.repository';
import { OUTBOX } from '../../../domain/shared/domain-event';
import { TypeormOutbox } from '../outbox/typeorm-outbox';
import { TypeormAccountRepository } from './typeorm-account.repository';

@Module({
  providers: [
    { provide: ACCOUNT_REPOSITORY, useClass: TypeormAccountRepository },
    { provide: OUTBOX, useClass: TypeormOutbox },
  ],
  exports: [ACCOUNT_REPOSITORY, OUTBOX],
})
export class BankPersistenceModule {}
