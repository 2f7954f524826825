import { SystemAccountRole } from './system-account';

/** A transfer out of or into a system account, seen from that account. */
export interface SystemAccountMovement {
  transferId: string;
  /** Positive: out of the system account; negative: into it. */
  amount: number;
  currency: string;
}

/**
 * Read-only: the transfers touching a role's system accounts (every currency) in a time range,
 * for contexts that reconcile against the ledger (payments: the `clearing` movements of a day).
 */
export interface SystemAccountMovements {
  between(role: SystemAccountRole, from: Date, to: Date): Promise<SystemAccountMovement[]>;
}

export const SYSTEM_ACCOUNT_MOVEMENTS = Symbol('SystemAccountMovements');
