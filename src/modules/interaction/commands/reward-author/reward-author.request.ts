import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { MoneyAmountProperty } from '@modules/shared/dto/money-amount.property';

export class RewardAuthorRequest {
  @ApiProperty({ description: 'One of your accounts; its currency picks the author account' })
  @IsUUID('all')
  fromAccountId: string;

  @MoneyAmountProperty(500)
  amount: number;
}
