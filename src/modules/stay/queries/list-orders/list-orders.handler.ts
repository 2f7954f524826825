import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { isUuid } from '../../../../domain/shared/uuid';
import { ORDER_REPOSITORY, OrderRepository } from '../../../../domain/stay/order.repository';
import { decodeCursor, encodeCursor } from '../../../../infrastructure/http/pagination';
import { OrderPageResponse, OrderResponse } from '../../dto/order.response';
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
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    return {
      items: page.map((o) => OrderResponse.from(o)),
      nextCursor: rows.length > limit ? encodeCursor({ id: page[page.length - 1].id }) : null,
    };
  }
}
