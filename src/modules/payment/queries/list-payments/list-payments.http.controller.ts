import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { PageQuery } from '@infra/http/pagination';
import { PaymentPageResponse } from '@modules/payment/dto/payment.response';
import { ListPaymentsQuery } from './list-payments.query';

@ApiTags('payments')
@ApiBearerAuth()
@Controller('v1/payments')
export class ListPaymentsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ operationId: 'listPayments', summary: 'Your payments, newest first' })
  @ApiOkResponse({ type: PaymentPageResponse, description: 'A page of payments' })
  @ApiProblems(400, 401)
  list(@CurrentUser() user: Principal, @Query() query: PageQuery): Promise<PaymentPageResponse> {
    return this.queries.execute(new ListPaymentsQuery(user.userId, query.limit, query.cursor));
  }
}
