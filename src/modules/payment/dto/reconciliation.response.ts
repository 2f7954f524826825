import { ApiProperty } from '@nestjs/swagger';
import { RECONCILIATION_MISMATCH_KINDS } from '@domain/payment/reconciliation';

const AMOUNTS = {
  type: 'object',
  additionalProperties: { type: 'integer' },
  example: { USD: 5000 },
  description: 'Summed per currency, integer minor units (only currencies with items)',
} as const;

export class ReconciliationTotalResponse {
  @ApiProperty({ type: 'integer', description: 'Lines (charges and refunds) or movements' })
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
        description:
          'Integer minor units seen from clearing: positive for a charge (money in), negative for ' +
          'a refund (money going back) and for a movement into clearing',
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
  @ApiProperty({
    enum: RECONCILIATION_MISMATCH_KINDS,
    description:
      'missing_in_atrium: the provider has a charge (or refund) no payment has that day; ' +
      'missing_at_provider: a payment succeeded (or was refunded) that day, the provider has no ' +
      'such line that day; amount_mismatch: both, with other money; ledger_mismatch: a payment ' +
      'line without its clearing movement that day (transferId, or refundTransferId for a ' +
      'refund) or with other money, or a clearing movement no line claims (paymentId null). A ' +
      'refund line is told by its negative amount',
  })
  kind: string;
  @ApiProperty({
    format: 'uuid',
    type: String,
    nullable: true,
    description: "Atrium's payment (null: a ledger movement alone, or a provider line naming none)",
  })
  paymentId: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The provider's reference of the payment (null: a ledger movement alone)",
  })
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
    description:
      "The provider's lines that day: its succeeded charges (+) and its refunds (−, their own " +
      'lines on the day of the refund)',
  })
  provider: ReconciliationTotalResponse;
  @ApiProperty({
    type: ReconciliationTotalResponse,
    description:
      "Atrium's lines that day: payments whose provider success was accepted that day (+, " +
      'whatever their status now) and payments refunded that day (−)',
  })
  payments: ReconciliationTotalResponse;
  @ApiProperty({
    type: ReconciliationTotalResponse,
    description:
      'Transfers out of (+) / into (−) clearing that day. Differs from the other two by the ' +
      'late successes: their money never went through the ledger',
  })
  ledger: ReconciliationTotalResponse;
  @ApiProperty({
    type: [ReconciliationMismatchResponse],
    description:
      'provider ↔ payments (charges, then refunds; by providerRef), then payments ↔ ledger ' +
      '(charges, refunds, then movements alone by transferId): two runs print the same list',
  })
  mismatches: ReconciliationMismatchResponse[];
}
