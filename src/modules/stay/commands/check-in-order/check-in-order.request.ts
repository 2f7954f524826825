import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class CheckInOrderRequest {
  @ApiProperty({
    description: "The 6-digit code from the guest's booking email",
    example: '042917',
    pattern: '^[0-9]{6}$',
  })
  @Matches(/^[0-9]{6}$/, { message: 'code must be 6 digits' })
  code: string;
}
