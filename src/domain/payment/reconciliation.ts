/**
 * The three-way reconciliation of one UTC day (docs/payments.md "Reconciliation"): what the
 * provider settled, what Atrium recorded as succeeded payments, and what the ledger moved out
 * of / into the `clearing` accounts. Pure: the sources are read by the caller.
 */

/** One succeeded charge in the provider's settlement report. */
export interface SettledItem {
  providerRef: string;
  /** Atrium's payment id when the provider reports it (the id Atrium created the charge with). */
  paymentId?: string | null;
  amount: number;
  currency: string;
}

/** A payment Atrium recorded as succeeded that day. */
export interface SucceededPayment {
  paymentId: string;
  providerRef: string;
  amount: number;
  currency: string;
  /** The clearing → target transfer that applied it (null: none, itself a mismatch). */
  transferId: string | null;
}

/**
 * A ledger movement touching a `clearing` account that day; `amount` is signed from Atrium's
 * side: out of clearing (money that came in through the provider) is positive, into clearing
 * (money going back to the provider) negative.
 */
export interface ClearingMovement {
  transferId: string;
  amount: number;
  currency: string;
}

export const RECONCILIATION_MISMATCH_KINDS = [
  'missing_in_atrium',
  'missing_at_provider',
  'amount_mismatch',
  'ledger_mismatch',
] as const;
export type ReconciliationMismatchKind = (typeof RECONCILIATION_MISMATCH_KINDS)[number];

/** Money as one source has it; `transferId` names the ledger movement when there is one. */
export interface ReconciledMoney {
  amount: number;
  currency: string;
  transferId?: string;
}

export interface ReconciliationMismatch {
  kind: ReconciliationMismatchKind;
  paymentId: string | null;
  providerRef: string | null;
  /** What the reference side says (the provider; for ledger_mismatch, the payment); null: nothing. */
  expected: ReconciledMoney | null;
  /** What the compared side has (Atrium's payment; for ledger_mismatch, the ledger); null: nothing. */
  actual: ReconciledMoney | null;
}

/** A source's total: how many items, and their amounts summed per currency (minor units). */
export interface ReconciliationTotal {
  count: number;
  amount: Record<string, number>;
}

export interface Reconciliation {
  date: string;
  provider: ReconciliationTotal;
  payments: ReconciliationTotal;
  ledger: ReconciliationTotal;
  mismatches: ReconciliationMismatch[];
}

export interface ReconciliationSources {
  /** YYYY-MM-DD, UTC. */
  date: string;
  provider: SettledItem[];
  payments: SucceededPayment[];
  ledger: ClearingMovement[];
}

function total(items: Array<{ amount: number; currency: string }>): ReconciliationTotal {
  const amount: Record<string, number> = {};
  for (const item of items) amount[item.currency] = (amount[item.currency] ?? 0) + item.amount;
  return { count: items.length, amount };
}

const money = (m: { amount: number; currency: string }): ReconciledMoney => ({
  amount: m.amount,
  currency: m.currency,
});

/**
 * provider ↔ payments by providerRef (missing_in_atrium, missing_at_provider, amount_mismatch),
 * payments ↔ ledger by transferId (ledger_mismatch: a payment without its movement, a movement
 * without a payment, or a movement of other money). Mismatches come in that order, each group
 * sorted by its key, so two runs over the same data print the same report.
 */
export function reconcile(sources: ReconciliationSources): Reconciliation {
  const mismatches: ReconciliationMismatch[] = [];
  const byRef = new Map(sources.payments.map((p) => [p.providerRef, p]));
  const settledRefs = new Set<string>();

  for (const item of [...sources.provider].sort((a, b) => cmp(a.providerRef, b.providerRef))) {
    settledRefs.add(item.providerRef);
    const payment = byRef.get(item.providerRef);
    if (!payment) {
      mismatches.push({
        kind: 'missing_in_atrium',
        paymentId: item.paymentId ?? null,
        providerRef: item.providerRef,
        expected: money(item),
        actual: null,
      });
    } else if (payment.amount !== item.amount || payment.currency !== item.currency) {
      mismatches.push({
        kind: 'amount_mismatch',
        paymentId: payment.paymentId,
        providerRef: item.providerRef,
        expected: money(item),
        actual: money(payment),
      });
    }
  }

  const payments = [...sources.payments].sort((a, b) => cmp(a.providerRef, b.providerRef));
  for (const payment of payments) {
    if (settledRefs.has(payment.providerRef)) continue;
    mismatches.push({
      kind: 'missing_at_provider',
      paymentId: payment.paymentId,
      providerRef: payment.providerRef,
      expected: null,
      actual: money(payment),
    });
  }

  const movements = new Map(sources.ledger.map((m) => [m.transferId, m]));
  const matched = new Set<string>();
  for (const payment of payments) {
    const movement = payment.transferId ? movements.get(payment.transferId) : undefined;
    if (movement) matched.add(movement.transferId);
    if (movement && movement.amount === payment.amount && movement.currency === payment.currency)
      continue;
    mismatches.push({
      kind: 'ledger_mismatch',
      paymentId: payment.paymentId,
      providerRef: payment.providerRef,
      expected: money(payment),
      actual: movement ? { ...money(movement), transferId: movement.transferId } : null,
    });
  }
  for (const movement of [...sources.ledger].sort((a, b) => cmp(a.transferId, b.transferId))) {
    if (matched.has(movement.transferId)) continue;
    mismatches.push({
      kind: 'ledger_mismatch',
      paymentId: null,
      providerRef: null,
      expected: null,
      actual: { ...money(movement), transferId: movement.transferId },
    });
  }

  return {
    date: sources.date,
    provider: total(sources.provider),
    payments: total(sources.payments),
    ledger: total(sources.ledger),
    mismatches,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The UTC day [from, to) of a YYYY-MM-DD date; null when it is not a real calendar date. */
export function utcDay(date: string): { from: Date; to: Date } | null {
  const m = DATE.exec(date);
  if (!m) return null;
  const from = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (Number.isNaN(from.getTime()) || from.toISOString().slice(0, 10) !== date) return null;
  return { from, to: new Date(from.getTime() + 86_400_000) };
}

/** The UTC day before `now`, as YYYY-MM-DD. */
export function yesterdayUtc(now: Date): string {
  return new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
}
