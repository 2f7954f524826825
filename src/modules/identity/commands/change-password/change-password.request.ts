import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class ChangePasswordRequest {
  @ApiPropertyOptional({
    description:
      'Required, except for an account without a password (created by a one-time-code sign-in) whose current ' +
      'session was started by a one-time code within the last 10 minutes',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  currentPassword?: string;

  @ApiProperty({ description: '8-72 bytes, at least one letter and one digit' })
  @IsString()
  @MaxLength(200)
  newPassword: string;
}
