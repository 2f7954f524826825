import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Order } from '@domain/stay/order.aggregate';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { Idempotent } from '@infra/http/idempotency/idempotent.decorator';
import { OrderResponse } from '@modules/stay/dto/order.response';
import { PlaceOrderCommand } from './place-order.command';
import { PlaceOrderRequest } from './place-order.request';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('v1/orders')
export class PlaceOrderHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Idempotent()
  @ApiOperation({
    operationId: 'placeOrder',
    summary: 'Book a homestay; pay before payBefore or the order is cancelled (payment_timeout)',
    description:
      'amount = nights × pricePerNight at this moment. Dates: checkIn today (UTC) or later, checkOut after it, ' +
      'at most 30 nights (400 VALIDATION_FAILED otherwise). A checkOut on the day another stay checks in is no overlap.',
  })
  @ApiCreatedResponse({
    type: OrderResponse,
    description: 'The order, awaiting payment until payBefore',
  })
  @ApiProblems(
    400,
    401,
    [404, 'NOT_FOUND: no such homestay'],
    [
      409,
      'DATES_UNAVAILABLE: a paid or pending order of this homestay shares a night / IDEMPOTENCY_IN_PROGRESS',
    ],
    [
      422,
      'CANNOT_BOOK_OWN_HOMESTAY / GUESTS_EXCEED_CAPACITY / PENDING_ORDER_LIMIT: the guest already holds MAX_PENDING_ORDERS unpaid orders / IDEMPOTENCY_KEY_REUSED',
    ],
  )
  async place(
    @CurrentUser() user: Principal,
    @Body() body: PlaceOrderRequest,
  ): Promise<OrderResponse> {
    const order = await this.commands.execute<PlaceOrderCommand, Order>(
      new PlaceOrderCommand(
        user.userId,
        body.homestayId.toLowerCase(),
        body.checkIn,
        body.checkOut,
        body.guests,
      ),
    );
    return OrderResponse.from(order);
  }
}
