import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class RefreshTokensRequest {
  @ApiProperty({ description: 'The refresh token from the last Tokens response' })
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  refreshToken: string;
}
