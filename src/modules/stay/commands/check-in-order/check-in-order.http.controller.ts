import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Order } from '@domain/stay/order.aggregate';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { ParseIdPipe } from '@infra/http/parse-id.pipe';
import { ORDER_STATE_TABLE } from '@modules/stay/dto/order-states';
import { OrderResponse } from '@modules/stay/dto/order.response';
import { CheckInOrderCommand } from './check-in-order.command';
import { CheckInOrderRequest } from './check-in-order.request';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('v1/orders/:id/check-in')
export class CheckInOrderHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'checkInOrder',
    summary:
      'Check your guest in with the code from their booking email (host only); you are paid from escrow',
    description:
      'Host only, for a `paid` order, from 00:00 UTC of `checkIn` until 00:00 UTC of `checkOut` (then it is a no-show). In one transaction the order becomes ' +
      '`checked_in` and the escrow is paid out: `amount − fee` to your account (a Transfer of kind `payout`, ' +
      '`payoutTransferId`) and `fee` to the platform (kind `fee`, `feeTransferId`, null when the fee is 0). ' +
      'Guest and host are emailed. Five wrong codes lock check-in of the order (429 with Retry-After: ' +
      '15 minutes, doubling with each further lock, at most a day).\n\n' +
      ORDER_STATE_TABLE,
  })
  @ApiOkResponse({ type: OrderResponse, description: 'The order, checked in' })
  @ApiProblems(
    400,
    401,
    [404, 'NOT_FOUND: not an order of your homestay (its guest included)'],
    [
      409,
      'ORDER_NOT_CHECKABLE: the order is not paid (pending, cancelled, refunded, no-show or already checked in), or its check-out day has come',
    ],
    [
      422,
      'CHECK_IN_CODE_INVALID: wrong code (counted) / CHECK_IN_TOO_EARLY: before 00:00 UTC of checkIn',
    ],
    [429, 'CHECK_IN_ATTEMPTS_EXCEEDED: five wrong codes; see Retry-After'],
  )
  async checkIn(
    @CurrentUser() user: Principal,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: CheckInOrderRequest,
  ): Promise<OrderResponse> {
    const order = await this.commands.execute<CheckInOrderCommand, Order>(
      new CheckInOrderCommand(user.userId, id, body.code),
    );
    return OrderResponse.from(order);
  }
}
