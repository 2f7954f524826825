import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { ParseIdPipe } from '@infra/http/parse-id.pipe';
import { PaymentResponse } from '@modules/payment/dto/payment.response';
import { GetPaymentQuery } from './get-payment.query';

@ApiTags('payments')
@ApiBearerAuth()
@Controller('v1/payments/:id')
export class GetPaymentHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ operationId: 'getPayment', summary: 'One payment (its payer, or an admin)' })
  @ApiOkResponse({ type: PaymentResponse, description: 'The payment' })
  @ApiProblems(401, [404, 'NOT_FOUND: missing, or you are not its payer'])
  get(
    @CurrentUser() user: Principal,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<PaymentResponse> {
    return this.queries.execute(new GetPaymentQuery(id, user.userId, user.role === 'admin'));
  }
}
