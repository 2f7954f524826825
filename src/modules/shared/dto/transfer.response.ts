import { ApiProperty } from '@nestjs/swagger';
import { CURRENCIES } from '@domain/bank/money.value-object';
import { type Transfer, TRANSFER_KINDS } from '@domain/bank/transfer';

/**
 * A Transfer as the API returns it. Shared: the bank returns it for transfers and deposits,
 * interaction for a reward (the same OpenAPI schema in both places).
 */
export class TransferResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  fromAccountId: string;
  @ApiProperty({ format: 'uuid' })
  toAccountId: string;
  @ApiProperty({ type: 'integer', minimum: 1, example: 1250, description: 'Integer minor units' })
  amount: number;
  @ApiProperty({ enum: CURRENCIES })
  currency: string;
  @ApiProperty({ type: String, nullable: true })
  note: string | null;
  @ApiProperty({ enum: TRANSFER_KINDS })
  kind: string;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  static from(t: Transfer): TransferResponse {
    return {
      id: t.id,
      fromAccountId: t.fromAccountId,
      toAccountId: t.toAccountId,
      amount: t.amount,
      currency: t.currency,
      note: t.note,
      kind: t.kind,
      createdAt: t.createdAt.toISOString(),
    };
  }
}
