import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Currency, CURRENCIES } from '@domain/bank/money.value-object';

export class OpenAccountRequest {
  @ApiProperty({ enum: CURRENCIES })
  @IsIn(CURRENCIES)
  currency: Currency;
}
