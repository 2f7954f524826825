import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class SendOtpRequest {
  @ApiProperty({ example: '+14155550123', description: 'E.164' })
  @IsString()
  @MaxLength(32)
  phone: string;
}
