import { Inject, Injectable } from '@nestjs/common';
import {
  SYSTEM_ACCOUNT_MOVEMENTS,
  SystemAccountMovements,
} from '@domain/bank/system-account-movements.port';
import { PAYMENT_PROVIDER, PaymentProvider } from '@domain/payment/payment-provider.port';
import { PAYMENT_REPOSITORY, PaymentRepository } from '@domain/payment/payment.repository';
import { reconcile, Reconciliation, utcDay } from '@domain/payment/reconciliation';
import { ValidationError } from '@domain/shared/domain-error';

/**
 * Reads the three sources of a UTC day and compares them (domain `reconcile`): the provider's
 * settlement report (its `succeeded` charges), Atrium's payments that became `succeeded` that
 * day, and the ledger's `clearing` movements of that day. Read-only; used by the admin route,
 * `npm run payments:reconcile` and the daily job.
 */
@Injectable()
export class PaymentReconciliationService {
  constructor(
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    @Inject(PAYMENT_REPOSITORY) private readonly payments: PaymentRepository,
    @Inject(SYSTEM_ACCOUNT_MOVEMENTS) private readonly movements: SystemAccountMovements,
  ) {}

  async reconcile(date: string): Promise<Reconciliation> {
    const day = utcDay(date);
    if (!day) throw new ValidationError('date', 'must be a UTC day, YYYY-MM-DD');
    // The provider first: a slow provider does not stretch the window between the two reads of
    // Atrium's own data.
    const report = await this.provider.settlementReport(date);
    const [payments, ledger] = await Promise.all([
      this.payments.succeededBetween(day.from, day.to),
      this.movements.between('clearing', day.from, day.to),
    ]);
    return reconcile({
      date,
      provider: report
        .filter((s) => s.status === 'succeeded')
        .map((s) => ({
          providerRef: s.providerRef,
          paymentId: s.paymentId,
          amount: s.amount,
          currency: s.currency,
        })),
      payments: payments.map((p) => {
        const s = p.snapshot();
        return {
          paymentId: s.id,
          providerRef: s.providerRef,
          amount: s.amount,
          currency: s.currency,
          transferId: s.transferId,
        };
      }),
      ledger,
    });
  }
}
