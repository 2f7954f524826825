import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { MAX_AMOUNT } from '@domain/bank/money.value-object';

export class DepositRequest {
  @ApiProperty({
    type: 'integer',
    example: 100000,
    minimum: 1,
    maximum: MAX_AMOUNT,
    description: 'Integer minor units',
  })
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
  amount: number;
}
