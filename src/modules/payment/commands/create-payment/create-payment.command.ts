import type { Currency } from '@domain/bank/money.value-object';
import type { PaymentPurpose } from '@domain/payment/payment.aggregate';

export class CreatePaymentCommand {
  constructor(
    readonly payerId: string,
    readonly purpose: PaymentPurpose,
    readonly accountId: string | undefined,
    readonly amount: number | undefined,
    readonly orderId?: string,
    readonly articleId?: string,
    readonly currency?: Currency,
  ) {}
}
