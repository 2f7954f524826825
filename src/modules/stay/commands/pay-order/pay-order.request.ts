import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class PayOrderRequest {
  @ApiProperty({ description: "One of your accounts, in the order's currency" })
  @IsUUID('all')
  accountId: string;
}
