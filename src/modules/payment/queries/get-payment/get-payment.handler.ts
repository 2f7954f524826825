import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PAYMENT_REPOSITORY, PaymentRepository } from '@domain/payment/payment.repository';
import { NotFoundError } from '@domain/shared/domain-error';
import { PaymentResponse } from '@modules/payment/dto/payment.response';
import { GetPaymentQuery } from './get-payment.query';

@QueryHandler(GetPaymentQuery)
export class GetPaymentHandler implements IQueryHandler<GetPaymentQuery, PaymentResponse> {
  constructor(@Inject(PAYMENT_REPOSITORY) private readonly payments: PaymentRepository) {}

  async execute({ paymentId, viewerId, viewerIsAdmin }: GetPaymentQuery): Promise<PaymentResponse> {
    const payment = await this.payments.findById(paymentId);
    if (!payment || !payment.isVisibleTo(viewerId, viewerIsAdmin))
      throw new NotFoundError('Payment');
    return PaymentResponse.from(payment);
  }
}
