import { ApiProperty } from '@nestjs/swagger';
import { RECONCILIATION_MISMATCH_KINDS } from '@domain/payment/reconciliation';

const AMOUNTS = {
  type: 'object',
  additionalProperties: { type: 'integer' },
  example: { USD: 5000 },
  description: 'Summed per currency, integer minor units (only currencies with items)',
} as const;

export class ReconciliationTotalResponse {
  @ApiProperty({ type: 'integer' })
  count: number;
  @ApiProperty(AMOUNTS)
  amount: Record<string, number>;
}

export class ReconciledMoneyResponse {
  @ApiProperty({
    type: 'integer',
    description: 'Integer minor units (ledger: negative into clearing)',
  })
  amount: number;
  @ApiProperty()
  currency: string;
  @ApiProperty({
    format: 'uuid',
    required: false,
    description: 'The ledger movement, when there is one',
  })
  transferId?: string;
}

export class ReconciliationMismatchResponse {
  @ApiProperty({ enum: RECONCILIATION_MISMATCH_KINDS })
  kind: string;
  @ApiProperty({ format: 'uuid', type: String, nullable: true })
  paymentId: string | null;
  @ApiProperty({ type: String, nullable: true })
  providerRef: string | null;
  @ApiProperty({
    type: ReconciledMoneyResponse,
    nullable: true,
    description:
      'The reference side (the provider; for ledger_mismatch the payment); null: nothing there',
  })
  expected: ReconciledMoneyResponse | null;
  @ApiProperty({
    type: ReconciledMoneyResponse,
    nullable: true,
    description:
      "The compared side (Atrium's payment; for ledger_mismatch the ledger); null: nothing there",
  })
  actual: ReconciledMoneyResponse | null;
}

export class ReconciliationResponse {
  @ApiProperty({ example: '2026-03-01', description: 'The UTC day' })
  date: string;
  @ApiProperty({
    type: ReconciliationTotalResponse,
    description: "The provider's succeeded settlements",
  })
  provider: ReconciliationTotalResponse;
  @ApiProperty({ type: ReconciliationTotalResponse, description: 'Payments that became succeeded' })
  payments: ReconciliationTotalResponse;
  @ApiProperty({
    type: ReconciliationTotalResponse,
    description: 'Transfers out of / into clearing',
  })
  ledger: ReconciliationTotalResponse;
  @ApiProperty({ type: [ReconciliationMismatchResponse] })
  mismatches: ReconciliationMismatchResponse[];
}
