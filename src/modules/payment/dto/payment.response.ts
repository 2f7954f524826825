import { ApiProperty } from '@nestjs/swagger';
import { CURRENCIES } from '@domain/bank/money.value-object';
import {
  PAYMENT_FAILURE_REASONS,
  PAYMENT_PROVIDERS,
  PAYMENT_PURPOSES,
  PAYMENT_STATUSES,
  type Payment,
} from '@domain/payment/payment.aggregate';

const nullableUuid = (description: string) =>
  ApiProperty({ format: 'uuid', type: String, nullable: true, description });

export class PaymentResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid', description: 'The user who pays' })
  payerId: string;
  @ApiProperty({ enum: PAYMENT_PURPOSES, description: 'What the money is for' })
  purpose: string;
  @ApiProperty({
    enum: PAYMENT_STATUSES,
    description:
      'requires_action: the payer must complete it at checkoutUrl; succeeded: the money was ' +
      'applied (transferId); failed: declined, or the provider reported another amount ' +
      '(failureReason); refund_pending / refunded: given back through the provider',
  })
  status: string;
  @ApiProperty({ type: 'integer', example: 5000, description: 'Integer minor units' })
  amount: number;
  @ApiProperty({ enum: CURRENCIES })
  currency: string;
  @ApiProperty({ enum: PAYMENT_PROVIDERS, description: 'The payment service provider' })
  provider: string;
  @ApiProperty({ description: "The provider's id of this payment" })
  providerRef: string;
  @ApiProperty({
    format: 'uri',
    description: 'Where the payer completes the payment (a page of the provider)',
  })
  checkoutUrl: string;
  @nullableUuid('top_up: the account credited')
  accountId: string | null;
  @nullableUuid('order: the stay order paid')
  orderId: string | null;
  @nullableUuid('reward: the article rewarded')
  articleId: string | null;
  @nullableUuid('The ledger movement from the clearing account (kind top_up), once succeeded')
  transferId: string | null;
  @nullableUuid('The ledger movement that gave the money back, once refunded')
  refundTransferId: string | null;
  @ApiProperty({ enum: [...PAYMENT_FAILURE_REASONS, null], nullable: true })
  failureReason: string | null;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  static from(payment: Payment): PaymentResponse {
    const p = payment.snapshot();
    return {
      id: p.id,
      payerId: p.payerId,
      purpose: p.purpose,
      status: p.status,
      amount: p.amount,
      currency: p.currency,
      provider: p.provider,
      providerRef: p.providerRef,
      checkoutUrl: p.checkoutUrl,
      accountId: p.accountId,
      orderId: p.orderId,
      articleId: p.articleId,
      transferId: p.transferId,
      refundTransferId: p.refundTransferId,
      failureReason: p.failureReason,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    };
  }
}

export class PaymentPageResponse {
  @ApiProperty({ type: [PaymentResponse] })
  items: PaymentResponse[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
