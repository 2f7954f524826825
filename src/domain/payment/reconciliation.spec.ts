import {
  RefundedPayment,
  reconcile,
  ReconciliationSources,
  SucceededPayment,
  utcDay,
  yesterdayUtc,
} from './reconciliation';

const DATE = '2026-03-01';

function charge(
  paymentId: string,
  providerRef: string,
  amount: number,
  currency: string,
  transferId: string | null,
  applied = true,
): SucceededPayment {
  return { paymentId, providerRef, amount, currency, transferId, applied };
}

function refund(
  paymentId: string,
  providerRef: string,
  amount: number,
  currency: string,
  refundTransferId: string | null,
  applied = true,
): RefundedPayment {
  return { paymentId, providerRef, amount, currency, refundTransferId, applied };
}

function clean(): ReconciliationSources {
  return {
    date: DATE,
    provider: [
      { providerRef: 'r1', amount: 1000, currency: 'USD' },
      { providerRef: 'r2', amount: 250, currency: 'EUR' },
    ],
    providerRefunds: [],
    payments: [charge('p1', 'r1', 1000, 'USD', 't1'), charge('p2', 'r2', 250, 'EUR', 't2')],
    refunds: [],
    ledger: [
      { transferId: 't1', amount: 1000, currency: 'USD' },
      { transferId: 't2', amount: 250, currency: 'EUR' },
    ],
  };
}

describe('reconcile', () => {
  it('a clean day: no mismatches, three equal totals per currency', () => {
    const r = reconcile(clean());
    expect(r.mismatches).toEqual([]);
    const totals = { count: 2, amount: { USD: 1000, EUR: 250 } };
    expect(r).toEqual({
      date: DATE,
      provider: totals,
      payments: totals,
      ledger: totals,
      mismatches: [],
    });
  });

  it('an empty day: zero counts, no amounts', () => {
    const r = reconcile({
      date: DATE,
      provider: [],
      providerRefunds: [],
      payments: [],
      refunds: [],
      ledger: [],
    });
    expect(r.provider).toEqual({ count: 0, amount: {} });
    expect(r.mismatches).toEqual([]);
  });

  it('missing_in_atrium: settled at the provider, no succeeded payment', () => {
    const s = clean();
    s.provider.push({ providerRef: 'r3', paymentId: 'p3', amount: 70, currency: 'USD' });
    expect(reconcile(s).mismatches).toEqual([
      {
        kind: 'missing_in_atrium',
        paymentId: 'p3',
        providerRef: 'r3',
        expected: { amount: 70, currency: 'USD' },
        actual: null,
      },
    ]);
  });

  it('missing_at_provider: a succeeded payment the provider did not settle', () => {
    const s = clean();
    s.provider = s.provider.filter((i) => i.providerRef !== 'r2');
    expect(reconcile(s).mismatches).toEqual([
      {
        kind: 'missing_at_provider',
        paymentId: 'p2',
        providerRef: 'r2',
        expected: null,
        actual: { amount: 250, currency: 'EUR' },
      },
    ]);
  });

  it('amount_mismatch: other amount or other currency', () => {
    const s = clean();
    s.provider[0] = { ...s.provider[0], amount: 999 };
    s.provider[1] = { ...s.provider[1], currency: 'USD' };
    const r = reconcile(s);
    expect(r.mismatches.map((m) => [m.kind, m.paymentId, m.expected, m.actual])).toEqual([
      [
        'amount_mismatch',
        'p1',
        { amount: 999, currency: 'USD' },
        { amount: 1000, currency: 'USD' },
      ],
      ['amount_mismatch', 'p2', { amount: 250, currency: 'USD' }, { amount: 250, currency: 'EUR' }],
    ]);
    expect(r.provider.amount).toEqual({ USD: 1249 });
  });

  it('ledger_mismatch: a payment without its clearing movement', () => {
    const s = clean();
    s.ledger = s.ledger.filter((m) => m.transferId !== 't1');
    expect(reconcile(s).mismatches).toEqual([
      {
        kind: 'ledger_mismatch',
        paymentId: 'p1',
        providerRef: 'r1',
        expected: { amount: 1000, currency: 'USD' },
        actual: null,
      },
    ]);
  });

  it('ledger_mismatch: a payment with no transfer id at all', () => {
    const s = clean();
    s.payments[0] = { ...s.payments[0], transferId: null };
    s.ledger = s.ledger.filter((m) => m.transferId !== 't1');
    expect(reconcile(s).mismatches.map((m) => [m.kind, m.paymentId])).toEqual([
      ['ledger_mismatch', 'p1'],
    ]);
  });

  it('ledger_mismatch: a movement out of clearing without a payment', () => {
    const s = clean();
    s.ledger.push({ transferId: 't9', amount: 40, currency: 'USD' });
    expect(reconcile(s).mismatches).toEqual([
      {
        kind: 'ledger_mismatch',
        paymentId: null,
        providerRef: null,
        expected: null,
        actual: { amount: 40, currency: 'USD', transferId: 't9' },
      },
    ]);
    expect(reconcile(s).ledger).toEqual({ count: 3, amount: { USD: 1040, EUR: 250 } });
  });

  it('ledger_mismatch: a movement of other money than its payment', () => {
    const s = clean();
    s.ledger[1] = { ...s.ledger[1], amount: 200 };
    expect(reconcile(s).mismatches).toEqual([
      {
        kind: 'ledger_mismatch',
        paymentId: 'p2',
        providerRef: 'r2',
        expected: { amount: 250, currency: 'EUR' },
        actual: { amount: 200, currency: 'EUR', transferId: 't2' },
      },
    ]);
  });

  it('orders the mismatches deterministically whatever the input order', () => {
    const s = clean();
    s.provider.push({ providerRef: 'r4', amount: 1, currency: 'USD' });
    s.provider.push({ providerRef: 'r3', amount: 1, currency: 'USD' });
    const a = reconcile(s);
    const b = reconcile({ ...s, provider: [...s.provider].reverse() });
    expect(b).toEqual(a);
    expect(a.mismatches.map((m) => m.providerRef)).toEqual(['r3', 'r4']);
  });
});

/**
 * A stay-refunded order payment r1 (USD 1000): on its success day a charge line with its
 * clearing → escrow transfer t1; on the refund day the provider's refund, the payment's refund
 * line, and the stay refund's escrow → clearing transfer tr1 (−1000 seen from clearing).
 */
function refundDay(): ReconciliationSources {
  return {
    date: DATE,
    provider: [],
    providerRefunds: [{ providerRef: 'r1', paymentId: 'p1', amount: 1000, currency: 'USD' }],
    payments: [],
    refunds: [refund('p1', 'r1', 1000, 'USD', 'tr1')],
    ledger: [{ transferId: 'tr1', amount: -1000, currency: 'USD' }],
  };
}

describe('reconcile: refunds', () => {
  it('a refund day is clean: provider refund ↔ payment refunded ↔ movement into clearing, totals negative', () => {
    const r = reconcile(refundDay());
    const totals = { count: 1, amount: { USD: -1000 } };
    expect(r).toEqual({
      date: DATE,
      provider: totals,
      payments: totals,
      ledger: totals,
      mismatches: [],
    });
  });

  it('a payment paid and refunded the same day: both lines, clean, totals net to zero', () => {
    const s = clean();
    s.providerRefunds = refundDay().providerRefunds;
    s.refunds = refundDay().refunds;
    s.ledger.push({ transferId: 'tr1', amount: -1000, currency: 'USD' });
    const r = reconcile(s);
    expect(r.mismatches).toEqual([]);
    const totals = { count: 3, amount: { USD: 0, EUR: 250 } };
    expect([r.provider, r.payments, r.ledger]).toEqual([totals, totals, totals]);
  });

  it('a late success refunded: charge and refund lines without any ledger movement are clean', () => {
    const successDay: ReconciliationSources = {
      date: DATE,
      provider: [{ providerRef: 'r7', amount: 500, currency: 'USD' }],
      providerRefunds: [],
      payments: [charge('p7', 'r7', 500, 'USD', null, false)],
      refunds: [],
      ledger: [],
    };
    const late = reconcile(successDay);
    expect(late.mismatches).toEqual([]);
    // The ledger never saw it: its total is the one that differs, by design.
    expect(late.payments).toEqual({ count: 1, amount: { USD: 500 } });
    expect(late.ledger).toEqual({ count: 0, amount: {} });
    const refundedLater = reconcile({
      ...successDay,
      provider: [],
      providerRefunds: [{ providerRef: 'r7', amount: 500, currency: 'USD' }],
      payments: [],
      refunds: [refund('p7', 'r7', 500, 'USD', null, false)],
    });
    expect(refundedLater.mismatches).toEqual([]);
    expect(refundedLater.provider).toEqual({ count: 1, amount: { USD: -500 } });
  });

  it('missing_in_atrium of a refund: the provider refunded, no payment was refunded that day (money negative)', () => {
    const s = refundDay();
    s.providerRefunds.push({ providerRef: 'r8', paymentId: 'p8', amount: 40, currency: 'USD' });
    expect(reconcile(s).mismatches).toEqual([
      {
        kind: 'missing_in_atrium',
        paymentId: 'p8',
        providerRef: 'r8',
        expected: { amount: -40, currency: 'USD' },
        actual: null,
      },
    ]);
  });

  it('missing_in_atrium of a refund: a second provider refund of the same payment (refunded twice)', () => {
    const s = refundDay();
    s.providerRefunds.push({ ...s.providerRefunds[0] });
    expect(reconcile(s).mismatches).toEqual([
      {
        kind: 'missing_in_atrium',
        paymentId: 'p1',
        providerRef: 'r1',
        expected: { amount: -1000, currency: 'USD' },
        actual: null,
      },
    ]);
  });

  it('missing_at_provider of a refund: refunded in Atrium, no refund at the provider that day', () => {
    const s = refundDay();
    s.providerRefunds = [];
    expect(reconcile(s).mismatches).toEqual([
      {
        kind: 'missing_at_provider',
        paymentId: 'p1',
        providerRef: 'r1',
        expected: null,
        actual: { amount: -1000, currency: 'USD' },
      },
    ]);
  });

  it('amount_mismatch of a refund: the provider refunded other money', () => {
    const s = refundDay();
    s.providerRefunds[0] = { ...s.providerRefunds[0], amount: 999 };
    expect(reconcile(s).mismatches).toEqual([
      {
        kind: 'amount_mismatch',
        paymentId: 'p1',
        providerRef: 'r1',
        expected: { amount: -999, currency: 'USD' },
        actual: { amount: -1000, currency: 'USD' },
      },
    ]);
  });

  it('ledger_mismatch of a refund: refunded in Atrium, its refund transfer not in clearing that day', () => {
    const s = refundDay();
    s.ledger = [];
    expect(reconcile(s).mismatches).toEqual([
      {
        kind: 'ledger_mismatch',
        paymentId: 'p1',
        providerRef: 'r1',
        expected: { amount: -1000, currency: 'USD' },
        actual: null,
      },
    ]);
  });

  it('ledger_mismatch of a refund: an applied payment refunded with no refund transfer at all', () => {
    const s = refundDay();
    s.refunds[0] = { ...s.refunds[0], refundTransferId: null };
    expect(reconcile(s).mismatches).toEqual([
      {
        kind: 'ledger_mismatch',
        paymentId: 'p1',
        providerRef: 'r1',
        expected: { amount: -1000, currency: 'USD' },
        actual: null,
      },
      // …and the day's movement into clearing then belongs to nobody.
      {
        kind: 'ledger_mismatch',
        paymentId: null,
        providerRef: null,
        expected: null,
        actual: { amount: -1000, currency: 'USD', transferId: 'tr1' },
      },
    ]);
  });

  it('ledger_mismatch of a refund: the refund transfer moved other money (or the wrong way)', () => {
    for (const amount of [-900, 1000]) {
      const s = refundDay();
      s.ledger[0] = { ...s.ledger[0], amount };
      expect(reconcile(s).mismatches).toEqual([
        {
          kind: 'ledger_mismatch',
          paymentId: 'p1',
          providerRef: 'r1',
          expected: { amount: -1000, currency: 'USD' },
          actual: { amount, currency: 'USD', transferId: 'tr1' },
        },
      ]);
    }
  });

  it('ledger_mismatch: movements into and out of clearing no line claims, each with its sign', () => {
    const s = refundDay();
    s.ledger.push({ transferId: 'tz', amount: -30, currency: 'USD' });
    s.ledger.push({ transferId: 'ty', amount: 30, currency: 'USD' });
    expect(reconcile(s).mismatches.map((m) => [m.kind, m.paymentId, m.actual])).toEqual([
      ['ledger_mismatch', null, { amount: 30, currency: 'USD', transferId: 'ty' }],
      ['ledger_mismatch', null, { amount: -30, currency: 'USD', transferId: 'tz' }],
    ]);
  });

  it('ledger_mismatch of a refund: money coming back to clearing for a payment that never moved any', () => {
    const s = refundDay();
    s.refunds[0] = { ...s.refunds[0], applied: false };
    expect(reconcile(s).mismatches).toEqual([
      {
        kind: 'ledger_mismatch',
        paymentId: 'p1',
        providerRef: 'r1',
        expected: null,
        actual: { amount: -1000, currency: 'USD', transferId: 'tr1' },
      },
    ]);
  });

  it('a late success whose charge line is corrupt still shows: a succeeded payment without transfer is ledger_mismatch', () => {
    const s = clean();
    s.payments[0] = { ...s.payments[0], transferId: null, applied: true };
    s.ledger = s.ledger.filter((m) => m.transferId !== 't1');
    expect(reconcile(s).mismatches.map((m) => [m.kind, m.paymentId])).toEqual([
      ['ledger_mismatch', 'p1'],
    ]);
  });

  it('orders charges, then refunds, then the ledger, whatever the input order', () => {
    const s = clean();
    s.providerRefunds = [
      { providerRef: 'r9', amount: 5, currency: 'USD' },
      { providerRef: 'r8', amount: 5, currency: 'USD' },
    ];
    s.provider.push({ providerRef: 'r6', amount: 1, currency: 'USD' });
    s.ledger.push({ transferId: 'tx', amount: -5, currency: 'USD' });
    const a = reconcile(s);
    const b = reconcile({
      ...s,
      provider: [...s.provider].reverse(),
      providerRefunds: [...s.providerRefunds].reverse(),
      ledger: [...s.ledger].reverse(),
    });
    expect(b).toEqual(a);
    expect(a.mismatches.map((m) => `${m.kind}:${m.providerRef ?? m.actual?.transferId}`)).toEqual([
      'missing_in_atrium:r6',
      'missing_in_atrium:r8',
      'missing_in_atrium:r9',
      'ledger_mismatch:tx',
    ]);
  });
});

describe('utcDay / yesterdayUtc', () => {
  it('reads real calendar dates only', () => {
    expect(utcDay('2026-03-01')).toEqual({
      from: new Date('2026-03-01T00:00:00.000Z'),
      to: new Date('2026-03-02T00:00:00.000Z'),
    });
    for (const bad of ['2026-02-30', '2026-13-01', '2026-3-1', 'x', '2026-03-01T00:00:00Z'])
      expect(utcDay(bad)).toBeNull();
  });

  it('yesterday in UTC', () => {
    expect(yesterdayUtc(new Date('2026-03-01T00:30:00Z'))).toBe('2026-02-28');
  });
});
