import { Currency } from './money.value-object';

/**
 * Read-only lookup of a user's account in one currency, for contexts that pay someone
 * (order payments to hosts, rewards to authors). Accounts are never deleted or re-owned,
 * so an answer stays true.
 */
export interface AccountDirectory {
  findAccountId(ownerId: string, currency: Currency): Promise<string | null>;
}

export const ACCOUNT_DIRECTORY = Symbol('AccountDirectory');
