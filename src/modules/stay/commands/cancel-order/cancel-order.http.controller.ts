import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Order } from '@domain/stay/order.aggregate';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { ParseIdPipe } from '@infra/http/parse-id.pipe';
import { OrderResponse } from '@modules/stay/dto/order.response';
import { CancelOrderCommand } from './cancel-order.command';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('v1/orders/:id/cancel')
export class CancelOrderHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'cancelOrder',
    summary: 'Cancel your unpaid order (guest only); its nights become bookable again',
  })
  @ApiOkResponse({ type: OrderResponse, description: 'The order, cancelled' })
  @ApiProblems(
    401,
    [404, 'NOT_FOUND: not your order (hosts included: only the guest cancels)'],
    [409, 'ORDER_NOT_CANCELLABLE: already paid or cancelled'],
  )
  async cancel(
    @CurrentUser() user: Principal,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<OrderResponse> {
    const order = await this.commands.execute<CancelOrderCommand, Order>(
      new CancelOrderCommand(user.userId, id),
    );
    return OrderResponse.from(order);
  }
}
