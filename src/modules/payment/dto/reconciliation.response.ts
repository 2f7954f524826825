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

export interface ReconciledMoneyResponse {
  amount: number;
  currency: string;
  transferId?: string;
}

/**
 * Inline rather than a $ref: OpenAPI 3.0's `nullable` does not reach into a referenced schema,
 * so a `$ref` that may be null is not expressible without it.
 */
const nullableMoney = (description: string) =>
  ApiProperty({
    type: 'object',
    nullable: true,
    description,
    properties: {
      amount: {
        type: 'integer',
        description: 'Integer minor units (ledger: negative into clearing)',
      },
      currency: { type: 'string' },
      transferId: {
        type: 'string',
        format: 'uuid',
        description: 'The ledger movement, when there is one',
      },
    },
    required: ['amount', 'currency'],
    selfRequired: true,
  });

export class ReconciliationMismatchResponse {
  @ApiProperty({ enum: RECONCILIATION_MISMATCH_KINDS })
  kind: string;
  @ApiProperty({ format: 'uuid', type: String, nullable: true })
  paymentId: string | null;
  @ApiProperty({ type: String, nullable: true })
  providerRef: string | null;
  @nullableMoney(
    'The reference side (the provider; for ledger_mismatch the payment); null: nothing there',
  )
  expected: ReconciledMoneyResponse | null;
  @nullableMoney(
    "The compared side (Atrium's payment; for ledger_mismatch the ledger); null: nothing there",
  )
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
