import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { isUuid } from '@domain/shared/uuid';
import { ORDER_REPOSITORY, OrderRepository } from '@domain/stay/order.repository';
import { decodeCursor, keysetFetchSize, keysetPage } from '@infra/http/pagination';
import { OrderPageResponse, OrderResponse } from '@modules/stay/dto/order.response';
import { ListOrdersQuery } from './list-orders.query';

/** Newest first; keyset on (guest_id | host_id, id): page 10,000 costs what page 1 costs. */
@QueryHandler(ListOrdersQuery)
export class ListOrdersHandler implements IQueryHandler<ListOrdersQuery, OrderPageResponse> {
  constructor(@Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository) {}

  async execute({ userId, as, limit, cursor }: ListOrdersQuery): Promise<OrderPageResponse> {
    const position = decodeCursor<{ id: string }>(
      cursor,
      (v) => typeof v.id === 'string' && isUuid(v.id),
    );
    const rows = await this.orders.list({
      as,
      userId,
      beforeId: position?.id ?? null,
      limit: keysetFetchSize(limit),
    });
    return keysetPage(
      rows,
      limit,
      (o) => ({ id: o.id }),
      (o) => OrderResponse.from(o),
    );
  }
}
