import { Module } from '@nestjs/common';
import { PAYMENT_REPOSITORY } from '@domain/payment/payment.repository';
import { TypeormPaymentRepository } from './typeorm-payment.repository';

@Module({
  providers: [{ provide: PAYMENT_REPOSITORY, useClass: TypeormPaymentRepository }],
  exports: [PAYMENT_REPOSITORY],
})
export class PaymentPersistenceModule {}
