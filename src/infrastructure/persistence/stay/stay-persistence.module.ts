import { Module } from '@nestjs/common';
import { HOMESTAY_REPOSITORY } from '../../../domain/stay/homestay.repository';
import { ORDER_REPOSITORY } from '../../../domain/stay/order.repository';
import { USER_CONTACTS } from '../../../domain/stay/user-contacts.port';
import { TypeormHomestayRepository } from './typeorm-homestay.repository';
import { TypeormOrderRepository } from './typeorm-order.repository';
import { TypeormUserContacts } from './typeorm-user-contacts';

@Module({
  providers: [
    { provide: HOMESTAY_REPOSITORY, useClass: TypeormHomestayRepository },
    { provide: ORDER_REPOSITORY, useClass: TypeormOrderRepository },
    { provide: USER_CONTACTS, useClass: TypeormUserContacts },
  ],
  exports: [HOMESTAY_REPOSITORY, ORDER_REPOSITORY, USER_CONTACTS],
})
export class StayPersistenceModule {}
