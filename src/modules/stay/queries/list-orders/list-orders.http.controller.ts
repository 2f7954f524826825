import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { OrderPageResponse } from '@modules/stay/dto/order.response';
import { ListOrdersQuery } from './list-orders.query';
import { ListOrdersRequest } from './list-orders.request';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('v1/orders')
export class ListOrdersHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    operationId: 'listOrders',
    summary: 'Your orders as guest (default) or as host, newest first',
  })
  @ApiOkResponse({ type: OrderPageResponse, description: 'A page of orders' })
  @ApiProblems(400, 401)
  list(
    @CurrentUser() user: Principal,
    @Query() query: ListOrdersRequest,
  ): Promise<OrderPageResponse> {
    return this.queries.execute(
      new ListOrdersQuery(user.userId, query.as, query.limit, query.cursor),
    );
  }
}
