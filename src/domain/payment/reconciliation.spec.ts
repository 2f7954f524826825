import { reconcile, ReconciliationSources, utcDay, yesterdayUtc } from './reconciliation';

const DATE = '2026-03-01';

function clean(): ReconciliationSources {
  return {
    date: DATE,
    provider: [
      { providerRef: 'r1', amount: 1000, currency: 'USD' },
      { providerRef: 'r2', amount: 250, currency: 'EUR' },
    ],
    payments: [
      { paymentId: 'p1', providerRef: 'r1', amount: 1000, currency: 'USD', transferId: 't1' },
      { paymentId: 'p2', providerRef: 'r2', amount: 250, currency: 'EUR', transferId: 't2' },
    ],
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
    const r = reconcile({ date: DATE, provider: [], payments: [], ledger: [] });
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

  it('ledger_mismatch: a clearing movement without a payment', () => {
    const s = clean();
    s.ledger.push({ transferId: 't9', amount: -40, currency: 'USD' });
    expect(reconcile(s).mismatches).toEqual([
      {
        kind: 'ledger_mismatch',
        paymentId: null,
        providerRef: null,
        expected: null,
        actual: { amount: -40, currency: 'USD', transferId: 't9' },
      },
    ]);
    expect(reconcile(s).ledger).toEqual({ count: 3, amount: { USD: 960, EUR: 250 } });
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
