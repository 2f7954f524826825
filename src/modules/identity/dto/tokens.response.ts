import { ApiProperty } from '@nestjs/swagger';
import { UserResponse } from './user.response';

export class TokensResponse {
  @ApiProperty({ description: 'JWT for Authorization: Bearer' })
  accessToken: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-22T10:15:00.000Z' })
  accessTokenExpiresAt: string;
  @ApiProperty({ description: 'Opaque; single use, rotated on every refresh' })
  refreshToken: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' })
  refreshTokenExpiresAt: string;
  @ApiProperty({ format: 'uuid' })
  sessionId: string;
  @ApiProperty({ type: UserResponse })
  user: UserResponse;
}
