import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID, ValidateIf } from 'class-validator';
import { PAYMENT_PURPOSES, type PaymentPurpose } from '@domain/payment/payment.aggregate';
import { MoneyAmountProperty } from '@modules/shared/dto/money-amount.property';

export class CreatePaymentRequest {
  @ApiProperty({
    enum: PAYMENT_PURPOSES,
    description:
      'top_up: money into one of your accounts; order: pay one of your stay orders. reward is ' +
      'not supported yet (422 UNPROCESSABLE)',
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

  @ValidateIf((r: CreatePaymentRequest) => r.purpose === 'top_up' || r.amount !== undefined)
  @MoneyAmountProperty(5000)
  amount?: number;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'order (required): your order awaiting payment; the payment is its amount',
  })
  @ValidateIf((r: CreatePaymentRequest) => r.purpose === 'order' || r.orderId !== undefined)
  @IsUUID('all')
  orderId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'reward (not supported yet)' })
  @ValidateIf((r: CreatePaymentRequest) => r.articleId !== undefined)
  @IsUUID('all')
  articleId?: string;

  @ApiPropertyOptional({ enum: ['USD', 'EUR', 'CNY'], description: 'reward (not supported yet)' })
  @ValidateIf((r: CreatePaymentRequest) => r.currency !== undefined)
  @IsIn(['USD', 'EUR', 'CNY'])
  currency?: string;
}
