import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsUUID, Max, Min } from 'class-validator';
import { MAX_AMOUNT } from '@domain/bank/money.value-object';

export class RewardAuthorRequest {
  @ApiProperty({ description: 'One of your accounts; its currency picks the author account' })
  @IsUUID('all')
  fromAccountId: string;

  @ApiProperty({
    type: 'integer',
    example: 500,
    minimum: 1,
    maximum: MAX_AMOUNT,
    description: 'Integer minor units',
  })
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
  amount: number;
}
