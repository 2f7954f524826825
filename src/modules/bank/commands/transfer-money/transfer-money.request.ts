import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Currency, CURRENCIES } from '@domain/bank/money.value-object';
import { MoneyAmountProperty } from '@modules/shared/dto/money-amount.property';

export class TransferMoneyRequest {
  @ApiProperty({ description: 'One of your accounts' })
  @IsUUID('all')
  fromAccountId: string;

  @ApiProperty()
  @IsUUID('all')
  toAccountId: string;

  @MoneyAmountProperty(1250)
  amount: number;

  @ApiProperty({ enum: CURRENCIES })
  @IsIn(CURRENCIES)
  currency: Currency;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  note?: string;
}
