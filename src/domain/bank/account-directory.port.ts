import { Currency } from './money.value-object';
import { SystemAccountRole } from './system-account';

/**
 * Read-only lookup of a user's account in one currency, for contexts that pay someone
 * (rewards to authors), and the ids of the system accounts (order payments into escrow). Accounts are never deleted or re-owned,
 * so an answer stays true.
 */
export interface AccountDirectory {
  findAccountId(ownerId: string, currency: Currency): Promise<string | null>;
  /** A system account's fixed id (e.g. the escrow a stay's payment goes to). */
  systemAccountId(role: SystemAccountRole, currency: Currency): string;
}

export const ACCOUNT_DIRECTORY = Symbol('AccountDirectory');
