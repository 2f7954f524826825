import { Global, Module } from '@nestjs/common';
import { OUTBOX } from '@domain/shared/domain-event';
import { TypeormOutbox } from './typeorm-outbox';

/** The outbox writer every context appends its domain events with (joins the current transaction). */
@Global()
@Module({
  providers: [{ provide: OUTBOX, useClass: TypeormOutbox }],
  exports: [OUTBOX],
})
export class OutboxPersistenceModule {}
