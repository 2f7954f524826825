import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { Roles } from '@infra/http/auth.decorators';
import { ReconciliationResponse } from '@modules/payment/dto/reconciliation.response';
import { ReconcilePaymentsQuery } from './reconcile-payments.query';

@ApiTags('payments')
@ApiBearerAuth()
@Controller('v1/admin/payments/reconciliation')
export class ReconcilePaymentsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('admin')
  @ApiOperation({
    operationId: 'reconcilePayments',
    summary:
      "A UTC day's provider settlements, succeeded and refunded payments and clearing movements, compared (admin only)",
    description:
      "Charge lines (the provider's succeeded charges, the payments whose success was accepted " +
      "that day, movements out of `clearing`) and refund lines (the provider's refunds, the " +
      'payments refunded that day, movements into `clearing`), matched one by one: provider ↔ ' +
      'payment by providerRef, payment ↔ ledger by transferId / refundTransferId. A refund ' +
      "line's money is negative (seen from `clearing`) on every side.",
  })
  @ApiQuery({
    name: 'date',
    required: true,
    example: '2026-03-01',
    description: 'The UTC day, YYYY-MM-DD',
  })
  @ApiOkResponse({ type: ReconciliationResponse, description: 'The reconciliation of that day' })
  @ApiProblems([400, 'VALIDATION_FAILED: date is not a UTC day YYYY-MM-DD'], 401, 403)
  reconcile(@Query('date') date: unknown): Promise<ReconciliationResponse> {
    return this.queries.execute(new ReconcilePaymentsQuery(typeof date === 'string' ? date : ''));
  }
}
