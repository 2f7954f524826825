import type { SandboxCharge } from '@infra/persistence/sandbox/sandbox-charge.mapper';
import { sandboxSettlementLines } from './sandbox-payment-provider';

const charge = (ref: string, status: SandboxCharge['status'], settled: string, refunded?: string) =>
  ({
    providerRef: ref,
    paymentId: `p_${ref}`,
    amount: 100,
    currency: 'USD',
    description: 'x',
    status,
    createdAt: new Date(settled),
    settledAt: new Date(settled),
    refundedAt: refunded ? new Date(refunded) : null,
  }) satisfies SandboxCharge;

describe('sandboxSettlementLines', () => {
  it('a charge refunded since stays a succeeded charge on its day; its refund is a line of its own; time order', () => {
    const paid = charge('sbx_a', 'refunded', '2030-05-01T10:00:00Z', '2030-05-01T12:00:00Z');
    const declined = charge('sbx_b', 'failed', '2030-05-01T11:00:00Z');
    const refundedToday = charge(
      'sbx_c',
      'refunded',
      '2030-04-30T09:00:00Z',
      '2030-05-01T09:00:00Z',
    );
    const lines = sandboxSettlementLines([declined, paid], [paid, refundedToday]);
    expect(lines.map((l) => [l.kind, l.charge.providerRef, l.status, l.at.toISOString()])).toEqual([
      ['refund', 'sbx_c', 'refunded', '2030-05-01T09:00:00.000Z'],
      ['charge', 'sbx_a', 'succeeded', '2030-05-01T10:00:00.000Z'],
      ['charge', 'sbx_b', 'failed', '2030-05-01T11:00:00.000Z'],
      ['refund', 'sbx_a', 'refunded', '2030-05-01T12:00:00.000Z'],
    ]);
  });
});
