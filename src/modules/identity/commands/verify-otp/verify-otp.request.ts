import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

export class VerifyOtpRequest {
  @ApiProperty({ example: '+14155550123', description: 'E.164' })
  @IsString()
  @MaxLength(32)
  phone: string;

  @ApiProperty({ example: '012345', pattern: '^\\d{6}$' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'must be 6 digits' })
  code: string;
}
