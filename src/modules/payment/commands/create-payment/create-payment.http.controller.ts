import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Payment } from '@domain/payment/payment.aggregate';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { Idempotent } from '@infra/http/idempotency/idempotent.decorator';
import { PaymentResponse } from '@modules/payment/dto/payment.response';
import { CreatePaymentCommand } from './create-payment.command';
import { CreatePaymentRequest } from './create-payment.request';

@ApiTags('payments')
@ApiBearerAuth()
@Controller('v1/payments')
export class CreatePaymentHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Idempotent()
  @ApiOperation({
    operationId: 'createPayment',
    summary: 'Start a payment through the external provider (a top-up, a stay order or a reward)',
    description:
      'Creates the payment at the provider and answers it with status requires_action: send the ' +
      'payer to checkoutUrl. The provider notifies Atrium (webhook); the payment then becomes ' +
      'succeeded (the amount moves from the clearing account to your account, a Transfer of kind ' +
      'top_up) or failed. Poll getPayment. purpose order pays one of your stay orders awaiting ' +
      "payment (amount and currency are the order's): on success the money goes from clearing " +
      'to escrow (kind payment) and the order becomes paid, as payOrder does; if the order can ' +
      'no longer be paid when the money arrives, the payment becomes refund_pending and the ' +
      "provider gives it back (refunded). purpose reward pays an article's author from the " +
      "provider (clearing → the author's account, kind reward), under the rules of rewardAuthor.",
  })
  @ApiCreatedResponse({ type: PaymentResponse, description: 'The payment, awaiting the payer' })
  @ApiProblems(
    400,
    401,
    [
      404,
      'NOT_FOUND: accountId is not one of your accounts / orderId is not one of your orders / ' +
        'articleId is not a published article',
    ],
    [409, 'ORDER_NOT_PAYABLE: the order no longer awaits payment / IDEMPOTENCY_IN_PROGRESS'],
    [422, 'CANNOT_REWARD_SELF / RECIPIENT_HAS_NO_ACCOUNT / IDEMPOTENCY_KEY_REUSED'],
  )
  async create(
    @CurrentUser() user: Principal,
    @Body() body: CreatePaymentRequest,
  ): Promise<PaymentResponse> {
    const payment = await this.commands.execute<CreatePaymentCommand, Payment>(
      new CreatePaymentCommand(
        user.userId,
        body.purpose,
        body.accountId?.toLowerCase(),
        body.amount,
        body.orderId?.toLowerCase(),
        body.articleId?.toLowerCase(),
        body.currency,
      ),
    );
    return PaymentResponse.from(payment);
  }
}
