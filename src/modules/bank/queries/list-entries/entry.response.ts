import { ApiProperty } from '@nestjs/swagger';

export class EntryResponse {
  @ApiProperty()
  id: string;
  @ApiProperty()
  accountId: string;
  @ApiProperty()
  transferId: string;
  @ApiProperty({ example: -1250, description: 'Signed integer minor units' })
  amount: number;
  @ApiProperty({ example: 98750 })
  balanceAfter: number;
  @ApiProperty()
  createdAt: string;
}

export class EntryPageResponse {
  @ApiProperty({ type: [EntryResponse] })
  items: EntryResponse[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
