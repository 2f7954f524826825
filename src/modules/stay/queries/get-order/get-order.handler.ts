import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@domain/shared/domain-error';
import { ORDER_REPOSITORY, OrderRepository } from '@domain/stay/order.repository';
import { OrderResponse } from '@modules/stay/dto/order.response';
import { GetOrderQuery } from './get-order.query';

@QueryHandler(GetOrderQuery)
export class GetOrderHandler implements IQueryHandler<GetOrderQuery, OrderResponse> {
  constructor(@Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository) {}

  async execute({ orderId, viewerId }: GetOrderQuery): Promise<OrderResponse> {
    const order = await this.orders.findById(orderId);
    if (!order || !order.isVisibleTo(viewerId)) throw new NotFoundError('Order');
    return OrderResponse.from(order);
  }
}
