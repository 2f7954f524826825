import { ApiProperty } from '@nestjs/swagger';

export class SessionResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ type: String, nullable: true })
  userAgent: string | null;
  @ApiProperty({ type: String, nullable: true })
  ip: string | null;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  @ApiProperty({ format: 'date-time' })
  lastUsedAt: string;
  @ApiProperty({ description: 'The session of the token making this request' })
  current: boolean;
}

export class SessionListResponse {
  @ApiProperty({ type: [SessionResponse] })
  items: SessionResponse[];
}
