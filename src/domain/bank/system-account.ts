/**
 * The system accounts, one per role and currency, owned by no user: `cash` (source of admin
 * deposits), `escrow` (guests' payments for stays until check-in), `revenue` (platform fees),
 * `clearing` (money received from the external payment provider).
 */
export const SYSTEM_ACCOUNT_ROLES = ['cash', 'escrow', 'revenue', 'clearing'] as const;
export type SystemAccountRole = (typeof SYSTEM_ACCOUNT_ROLES)[number];
