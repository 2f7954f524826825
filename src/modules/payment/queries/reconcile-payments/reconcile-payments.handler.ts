import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ReconciliationResponse } from '@modules/payment/dto/reconciliation.response';
import { PaymentReconciliationService } from './payment-reconciliation.service';
import { ReconcilePaymentsQuery } from './reconcile-payments.query';

@QueryHandler(ReconcilePaymentsQuery)
export class ReconcilePaymentsHandler implements IQueryHandler<
  ReconcilePaymentsQuery,
  ReconciliationResponse
> {
  constructor(private readonly reconciliation: PaymentReconciliationService) {}

  execute({ date }: ReconcilePaymentsQuery): Promise<ReconciliationResponse> {
    return this.reconciliation.reconcile(date);
  }
}
