import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID, ValidateIf } from 'class-validator';
import { CURRENCIES, type Currency } from '@domain/bank/money.value-object';
import { PAYMENT_PURPOSES, type PaymentPurpose } from '@domain/payment/payment.aggregate';
import { MoneyAmountProperty } from '@modules/shared/dto/money-amount.property';

export class CreatePaymentRequest {
  @ApiProperty({
    enum: PAYMENT_PURPOSES,
    description:
      'top_up: money into one of your accounts; order: pay one of your stay orders; reward: ' +
      "reward an article's author",
  })
  @IsIn(PAYMENT_PURPOSES)
  purpose: PaymentPurpose;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'top_up (required): one of your accounts; the payment is in its currency',
  })
  @ValidateIf((r: CreatePaymentRequest) => r.purpose === 'top_up' || r.accountId !== undefined)
  @IsUUID('all')
  accountId?: string;

  @ValidateIf(
    (r: CreatePaymentRequest) =>
      r.purpose === 'top_up' || r.purpose === 'reward' || r.amount !== undefined,
  )
  @MoneyAmountProperty(5000)
  amount?: number;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'order (required): your order awaiting payment; the payment is its amount',
  })
  @ValidateIf((r: CreatePaymentRequest) => r.purpose === 'order' || r.orderId !== undefined)
  @IsUUID('all')
  orderId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "reward (required): a published article, not your own; its author's account in currency gets the amount",
  })
  @ValidateIf((r: CreatePaymentRequest) => r.purpose === 'reward' || r.articleId !== undefined)
  @IsUUID('all')
  articleId?: string;

  @ApiPropertyOptional({ enum: CURRENCIES, description: 'reward (required): the currency paid' })
  @ValidateIf((r: CreatePaymentRequest) => r.purpose === 'reward' || r.currency !== undefined)
  @IsIn(CURRENCIES)
  currency?: Currency;
}
