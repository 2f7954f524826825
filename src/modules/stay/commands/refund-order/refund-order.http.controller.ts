import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Order } from '@domain/stay/order.aggregate';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { Idempotent } from '@infra/http/idempotency/idempotent.decorator';
import { ParseIdPipe } from '@infra/http/parse-id.pipe';
import { ORDER_STATE_TABLE } from '@modules/stay/dto/order-states';
import { OrderResponse } from '@modules/stay/dto/order.response';
import { RefundOrderCommand } from './refund-order.command';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('v1/orders/:id/refund')
export class RefundOrderHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    operationId: 'refundOrder',
    summary:
      'Refund your paid order (guest only): the whole amount returns to the account you paid from',
    description:
      'Guest only, for a `paid` order, until `REFUND_CUTOFF_HOURS` (default 24) before 00:00 UTC of `checkIn`. ' +
      'In one transaction the escrow pays the whole amount back to the account the order was paid from ' +
      '(a Transfer of kind `refund`, `refundTransferId`), the order becomes `refunded` and its nights are ' +
      'bookable again. Guest and host are emailed. Racing a check-in, exactly one of the two happens.\n\n' +
      ORDER_STATE_TABLE,
  })
  @ApiOkResponse({ type: OrderResponse, description: 'The order, refunded' })
  @ApiProblems(
    401,
    [404, 'NOT_FOUND: not your order (hosts included: only the guest refunds)'],
    [
      409,
      'ORDER_NOT_REFUNDABLE: not paid (pending, cancelled, checked in, no-show or already refunded) / IDEMPOTENCY_IN_PROGRESS',
    ],
    [422, 'REFUND_WINDOW_CLOSED: past the cutoff before checkIn / IDEMPOTENCY_KEY_REUSED'],
  )
  async refund(
    @CurrentUser() user: Principal,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<OrderResponse> {
    const order = await this.commands.execute<RefundOrderCommand, Order>(
      new RefundOrderCommand(user.userId, id),
    );
    return OrderResponse.from(order);
  }
}
