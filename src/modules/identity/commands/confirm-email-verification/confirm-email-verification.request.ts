import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class ConfirmEmailVerificationRequest {
  @ApiProperty({ description: 'The `token` query parameter of the link in the verification email' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token: string;
}
