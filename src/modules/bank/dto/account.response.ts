import { ApiProperty } from '@nestjs/swagger';
import type { Account } from '@domain/bank/account.aggregate';
import { CURRENCIES } from '@domain/bank/money.value-object';

export class AccountResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({
    format: 'uuid',
    type: String,
    nullable: true,
    description: 'null for the system cash account',
  })
  ownerId: string | null;
  @ApiProperty({ enum: CURRENCIES })
  currency: string;
  @ApiProperty({ type: 'integer', example: 125000, description: 'Integer minor units' })
  balance: number;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  static from(account: Account): AccountResponse {
    const a = account.snapshot();
    return {
      id: a.id,
      ownerId: a.ownerId,
      currency: a.currency,
      balance: a.balance,
      createdAt: a.createdAt.toISOString(),
    };
  }
}

export class AccountListResponse {
  @ApiProperty({ type: [AccountResponse] })
  items: AccountResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Always null: a user has at most one account per currency, so the list is one page',
  })
  nextCursor: string | null;
}
