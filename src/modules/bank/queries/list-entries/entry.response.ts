import { ApiProperty } from '@nestjs/swagger';

export class EntryResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  accountId: string;
  @ApiProperty({ format: 'uuid' })
  transferId: string;
  @ApiProperty({ type: 'integer', example: -1250, description: 'Signed integer minor units' })
  amount: number;
  @ApiProperty({ type: 'integer', example: 98750 })
  balanceAfter: number;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class EntryPageResponse {
  @ApiProperty({ type: [EntryResponse] })
  items: EntryResponse[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
