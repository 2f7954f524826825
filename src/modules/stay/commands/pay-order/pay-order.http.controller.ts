import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Order } from '@domain/stay/order.aggregate';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { Idempotent } from '@infra/http/idempotency/idempotent.decorator';
import { ParseIdPipe } from '@infra/http/parse-id.pipe';
import { OrderResponse } from '@modules/stay/dto/order.response';
import { PayOrderCommand } from './pay-order.command';
import { PayOrderRequest } from './pay-order.request';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('v1/orders/:id/pay')
export class PayOrderHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    operationId: 'payOrder',
    summary:
      "Pay your order: amount moves from your account to the platform's escrow (a Transfer of kind payment)",
    description:
      "Guest only. The host is paid from escrow at check-in. Guest and host are emailed; the guest's email carries a 6-digit check-in code.",
  })
  @ApiOkResponse({ type: OrderResponse, description: 'The order, paid' })
  @ApiProblems(
    400,
    401,
    [404, 'NOT_FOUND: not your order (hosts included), or accountId is not yours'],
    [
      409,
      'ORDER_NOT_PAYABLE: already paid, cancelled, or past payBefore / IDEMPOTENCY_IN_PROGRESS',
    ],
    [422, 'CURRENCY_MISMATCH / INSUFFICIENT_FUNDS / IDEMPOTENCY_KEY_REUSED'],
  )
  async pay(
    @CurrentUser() user: Principal,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: PayOrderRequest,
  ): Promise<OrderResponse> {
    const order = await this.commands.execute<PayOrderCommand, Order>(
      new PayOrderCommand(user.userId, id, body.accountId.toLowerCase()),
    );
    return OrderResponse.from(order);
  }
}
