import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PAYMENT_REPOSITORY, PaymentRepository } from '@domain/payment/payment.repository';
import { isUuid } from '@domain/shared/uuid';
import { decodeCursor, keysetFetchSize, keysetPage } from '@infra/http/pagination';
import { PaymentPageResponse, PaymentResponse } from '@modules/payment/dto/payment.response';
import { ListPaymentsQuery } from './list-payments.query';

/** Newest first; keyset on (payer_id, id): page 10,000 costs what page 1 costs. */
@QueryHandler(ListPaymentsQuery)
export class ListPaymentsHandler implements IQueryHandler<ListPaymentsQuery, PaymentPageResponse> {
  constructor(@Inject(PAYMENT_REPOSITORY) private readonly payments: PaymentRepository) {}

  async execute({ payerId, limit, cursor }: ListPaymentsQuery): Promise<PaymentPageResponse> {
    const position = decodeCursor<{ id: string }>(
      cursor,
      (v) => typeof v.id === 'string' && isUuid(v.id),
    );
    const rows = await this.payments.listByPayer(
      payerId,
      position?.id ?? null,
      keysetFetchSize(limit),
    );
    return keysetPage(
      rows,
      limit,
      (p) => ({ id: p.id }),
      (p) => PaymentResponse.from(p),
    );
  }
}
