import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Currency, CURRENCIES, MAX_AMOUNT } from '@domain/bank/money.value-object';

export class TransferMoneyRequest {
  @ApiProperty({ description: 'One of your accounts' })
  @IsUUID('all')
  fromAccountId: string;

  @ApiProperty()
  @IsUUID('all')
  toAccountId: string;

  @ApiProperty({
    type: 'integer',
    example: 1250,
    minimum: 1,
    maximum: MAX_AMOUNT,
    description: 'Integer minor units',
  })
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
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
