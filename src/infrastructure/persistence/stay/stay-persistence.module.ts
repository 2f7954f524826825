import { Module } from '@nestjs/common';
import { HOMESTAY_REPOSITORY } from '@domain/stay/homestay.repository';
import { CHECK_IN_CREDENTIAL_REPOSITORY } from '@domain/stay/check-in-credential.repository';
import { ORDER_REPOSITORY } from '@domain/stay/order.repository';
import { TypeormCheckInCredentialRepository } from './typeorm-check-in-credential.repository';
import { TypeormHomestayRepository } from './typeorm-homestay.repository';
import { TypeormOrderRepository } from './typeorm-order.repository';

@Module({
  providers: [
    { provide: HOMESTAY_REPOSITORY, useClass: TypeormHomestayRepository },
    { provide: ORDER_REPOSITORY, useClass: TypeormOrderRepository },
    { provide: CHECK_IN_CREDENTIAL_REPOSITORY, useClass: TypeormCheckInCredentialRepository },
  ],
  exports: [HOMESTAY_REPOSITORY, ORDER_REPOSITORY, CHECK_IN_CREDENTIAL_REPOSITORY],
})
export class StayPersistenceModule {}
