import { Inject, Injectable } from '@nestjs/common';
import {
  SYSTEM_ACCOUNT_MOVEMENTS,
  SystemAccountMovements,
} from '@domain/bank/system-account-movements.port';
import { Payment } from '@domain/payment/payment.aggregate';
import {
  PAYMENT_PROVIDER,
  PaymentProvider,
  ProviderSettlement,
} from '@domain/payment/payment-provider.port';
import { PAYMENT_REPOSITORY, PaymentRepository } from '@domain/payment/payment.repository';
import { reconcile, Reconciliation, SettledItem, utcDay } from '@domain/payment/reconciliation';
import { ValidationError } from '@domain/shared/domain-error';

/**
 * Reads the three sources of a UTC day and compares them (domain `reconcile`): the provider's
 * settlement report (its `succeeded` charges and its refunds), Atrium's payments whose success
 * was accepted that day and those refunded that day, and the ledger's `clearing` movements of
 * that day. Read-only; used by the admin route, `npm run payments:reconcile` and the daily job.
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
    // The provider first: a slow provider does not stretch the window between the reads of
    // Atrium's own data.
    const report = (await this.provider.settlementReport(date)).filter(
      (s) => s.status === 'succeeded',
    );
    const [succeeded, refunded, ledger] = await Promise.all([
      this.payments.succeededBetween(day.from, day.to),
      this.payments.refundedBetween(day.from, day.to),
      this.movements.between('clearing', day.from, day.to),
    ]);
    return reconcile({
      date,
      provider: report.filter((s) => s.kind === 'charge').map(settledItem),
      providerRefunds: report.filter((s) => s.kind === 'refund').map(settledItem),
      payments: succeeded.map((p) => ({
        ...line(p),
        transferId: p.transferId,
        applied: p.movedMoney,
      })),
      refunds: refunded.map((p) => ({
        ...line(p),
        refundTransferId: p.refundTransferId,
        applied: p.movedMoney,
      })),
      ledger,
    });
  }
}

function settledItem(s: ProviderSettlement): SettledItem {
  return {
    providerRef: s.providerRef,
    paymentId: s.paymentId,
    amount: s.amount,
    currency: s.currency,
  };
}

function line(p: Payment) {
  return { paymentId: p.id, providerRef: p.providerRef, amount: p.amount, currency: p.currency };
}
