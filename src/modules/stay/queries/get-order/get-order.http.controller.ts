import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { ParseIdPipe } from '@infra/http/parse-id.pipe';
import { OrderResponse } from '@modules/stay/dto/order.response';
import { GetOrderQuery } from './get-order.query';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('v1/orders/:id')
export class GetOrderHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ operationId: 'getOrder', summary: 'One order (its guest or its host)' })
  @ApiOkResponse({ type: OrderResponse, description: 'The order' })
  @ApiProblems(401, [404, 'NOT_FOUND: missing, or you are neither its guest nor its host'])
  get(
    @CurrentUser() user: Principal,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<OrderResponse> {
    return this.queries.execute(new GetOrderQuery(id, user.userId));
  }
}
