/**
 * The three-way reconciliation of one UTC day (docs/payments.md "Reconciliation"): what the
 * provider settled and refunded, what Atrium recorded as succeeded and refunded payments, and
 * what the ledger moved out of / into the `clearing` accounts. Pure: the sources are read by the
 * caller.
 */

/**
 * One line of the provider's settlement report: a succeeded charge (money in) or a refund
 * (money given back); `amount` is positive either way, the list it is in says which.
 */
export interface SettledItem {
  providerRef: string;
  /** Atrium's payment id when the provider reports it (the id Atrium created the charge with). */
  paymentId?: string | null;
  amount: number;
  currency: string;
}

/**
 * A payment whose provider success Atrium accepted that day (`succeededAt`), whatever its status
 * now: the charge line (refunded since or not, it stays on its success day).
 */
export interface SucceededPayment {
  paymentId: string;
  providerRef: string;
  amount: number;
  currency: string;
  /** The clearing → target transfer that applied it (null: none). */
  transferId: string | null;
  /**
   * Whether the money went through the ledger. false: a late success (the target could no longer
   * take it: refund_pending with no transfer); no clearing movement is expected for it.
   */
  applied: boolean;
}

/** A payment that became `refunded` that day (`refundedAt`): the refund line. */
export interface RefundedPayment {
  paymentId: string;
  providerRef: string;
  /** The payment's amount, positive: what the provider gave back. */
  amount: number;
  currency: string;
  /** The target → clearing transfer that gave the money back (a stay refund); null: none. */
  refundTransferId: string | null;
  /** Whether the money had gone through the ledger: only then must it have come back to clearing. */
  applied: boolean;
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

/**
 * The kinds of API.md (a closed enum of the HTTP contract). Each applies to a charge line and to
 * a refund line alike; a refund line is told by its sign: its money is negative (seen from
 * `clearing`: money going back) on every side.
 */
export const RECONCILIATION_MISMATCH_KINDS = [
  'missing_in_atrium',
  'missing_at_provider',
  'amount_mismatch',
  'ledger_mismatch',
] as const;
export type ReconciliationMismatchKind = (typeof RECONCILIATION_MISMATCH_KINDS)[number];

/**
 * Money as one source has it; `transferId` names the ledger movement when there is one. Seen
 * from `clearing`: a refund line's amount is negative on every side.
 */
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
  /** The provider's succeeded charges of the day. */
  provider: SettledItem[];
  /** The provider's refunds of the day (amounts positive). */
  providerRefunds: SettledItem[];
  /** The charge lines: payments whose success was accepted that day. */
  payments: SucceededPayment[];
  /** The refund lines: payments refunded that day. */
  refunds: RefundedPayment[];
  ledger: ClearingMovement[];
}

function total(items: Array<{ amount: number; currency: string }>): ReconciliationTotal {
  const amount: Record<string, number> = {};
  for (const item of items) amount[item.currency] = (amount[item.currency] ?? 0) + item.amount;
  return { count: items.length, amount };
}

const money = (m: { amount: number; currency: string }, sign = 1): ReconciledMoney => ({
  amount: sign * m.amount,
  currency: m.currency,
});

const movementMoney = (m: ClearingMovement): ReconciledMoney => ({
  amount: m.amount,
  currency: m.currency,
  transferId: m.transferId,
});

interface Line {
  paymentId: string;
  providerRef: string;
  amount: number;
  currency: string;
}

/** The sign of a line's money seen from clearing: a charge brings money in, a refund sends it back. */
const CHARGE = 1;
const REFUND = -1;
type LineSign = typeof CHARGE | typeof REFUND;

/**
 * provider ↔ payments by providerRef, one provider line per payment line: a provider line
 * without its payment line (a second line for the same payment included) is missing in Atrium,
 * a payment line without its provider line missing at the provider, both with other money an
 * amount mismatch. Provider side sorted by providerRef, then the payment side.
 */
function compareWithProvider(
  sign: LineSign,
  provider: SettledItem[],
  lines: Line[],
): ReconciliationMismatch[] {
  const mismatches: ReconciliationMismatch[] = [];
  const byRef = new Map(lines.map((l) => [l.providerRef, l]));
  const matched = new Set<string>();
  for (const item of [...provider].sort((a, b) => cmp(a.providerRef, b.providerRef))) {
    const line = byRef.get(item.providerRef);
    if (!line || matched.has(item.providerRef)) {
      mismatches.push({
        kind: 'missing_in_atrium',
        paymentId: item.paymentId ?? null,
        providerRef: item.providerRef,
        expected: money(item, sign),
        actual: null,
      });
      continue;
    }
    matched.add(item.providerRef);
    if (line.amount !== item.amount || line.currency !== item.currency)
      mismatches.push({
        kind: 'amount_mismatch',
        paymentId: line.paymentId,
        providerRef: item.providerRef,
        expected: money(item, sign),
        actual: money(line, sign),
      });
  }
  for (const line of [...lines].sort((a, b) => cmp(a.providerRef, b.providerRef))) {
    if (matched.has(line.providerRef)) continue;
    mismatches.push({
      kind: 'missing_at_provider',
      paymentId: line.paymentId,
      providerRef: line.providerRef,
      expected: null,
      actual: money(line, sign),
    });
  }
  return mismatches;
}

/**
 * Three records of the money that came in through the provider, and went back, on one UTC day
 * (docs/payments.md "Reconciliation"): what the provider settled (charges, refunds), what Atrium
 * recorded (payments that succeeded, payments refunded) and what the ledger moved out of / into
 * the `clearing` accounts. Pure: the sources are read by the caller.
 *
 * Charges: provider ↔ payments by providerRef (missing_in_atrium, missing_at_provider,
 * amount_mismatch), payments ↔ ledger by transferId (ledger_mismatch). Refunds the same, with
 * their money negative (seen from clearing), payments ↔ ledger by refundTransferId. A payment
 * whose money never went through the ledger (a late success, refunded) expects no movement
 * either way. A movement no line claims is a ledger_mismatch (its sign says which way it went).
 * Mismatches come charges, refunds, ledger; each group sorted by its key, so two runs over the
 * same data print the same report.
 */
export function reconcile(sources: ReconciliationSources): Reconciliation {
  const payments = [...sources.payments].sort((a, b) => cmp(a.providerRef, b.providerRef));
  const refunds = [...sources.refunds].sort((a, b) => cmp(a.providerRef, b.providerRef));
  const mismatches: ReconciliationMismatch[] = [
    ...compareWithProvider(CHARGE, sources.provider, payments),
    ...compareWithProvider(REFUND, sources.providerRefunds, refunds),
  ];

  const movements = new Map(sources.ledger.map((m) => [m.transferId, m]));
  const claimed = new Set<string>();
  const checkMovement = (
    sign: LineSign,
    line: Line,
    transferId: string | null,
    applied: boolean,
  ): void => {
    const movement = transferId ? movements.get(transferId) : undefined;
    if (movement) claimed.add(movement.transferId);
    // Unapplied money never moved: nothing to find, unless a movement names it anyway.
    if (!applied && !movement) return;
    const expected = money(line, sign);
    if (
      applied &&
      movement &&
      movement.amount === expected.amount &&
      movement.currency === expected.currency
    )
      return;
    mismatches.push({
      kind: 'ledger_mismatch',
      paymentId: line.paymentId,
      providerRef: line.providerRef,
      expected: applied ? expected : null,
      actual: movement ? movementMoney(movement) : null,
    });
  };
  for (const p of payments) checkMovement(CHARGE, p, p.transferId, p.applied);
  for (const r of refunds) checkMovement(REFUND, r, r.refundTransferId, r.applied);
  for (const movement of [...sources.ledger].sort((a, b) => cmp(a.transferId, b.transferId))) {
    if (claimed.has(movement.transferId)) continue;
    mismatches.push({
      kind: 'ledger_mismatch',
      paymentId: null,
      providerRef: null,
      expected: null,
      actual: movementMoney(movement),
    });
  }

  return {
    date: sources.date,
    provider: total([...sources.provider, ...sources.providerRefunds.map((r) => money(r, REFUND))]),
    payments: total([...sources.payments, ...sources.refunds.map((r) => money(r, REFUND))]),
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
