import { Module } from '@nestjs/common';
import { HOMESTAY_REPOSITORY } from '@domain/stay/homestay.repository';
import { ORDER_REPOSITORY } from '@domain/stay/order.repository';
import { TypeormHomestayRepository } from './typeorm-homestay.repository';
import { TypeormOrderRepository } from './typeorm-order.repository';

@Module({
  providers: [
    { provide: HOMESTAY_REPOSITORY, useClass: TypeormHomestayRepository },
    { provide: ORDER_REPOSITORY, useClass: TypeormOrderRepository },
  ],
  exports: [HOMESTAY_REPOSITORY, ORDER_REPOSITORY],
})
export class StayPersistenceModule {}
