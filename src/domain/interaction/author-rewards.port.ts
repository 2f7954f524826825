import { Currency } from '../bank/money.value-object';

/** Whether a payment reached the author (`transferId`: the account → author movement, kind reward). */
export type AuthorRewardOutcome =
  { rewarded: true; transferId: string } | { rewarded: false; reason: string };

/**
 * The interaction context's port for rewards paid elsewhere (the payment context's provider
 * payments, from the `clearing` account), under the rules of a balance reward. Both calls run in
 * the caller's transaction.
 */
export interface AuthorRewards {
  /**
   * Throws unless `readerId` may reward the article in `currency` now: NotFoundError (not
   * published), CannotRewardSelfError (their own), RecipientHasNoAccountError (the author has
   * no account in that currency).
   */
  assertRewardable(readerId: string, articleId: string, currency: Currency): Promise<void>;
  /**
   * Holds the article published and, if the reward may still be made, moves `amount`
   * `fromAccountId` → the author's account in `currency` (kind reward); otherwise changes
   * nothing and says why.
   */
  rewardFrom(
    readerId: string,
    articleId: string,
    fromAccountId: string,
    amount: number,
    currency: Currency,
  ): Promise<AuthorRewardOutcome>;
}

export const AUTHOR_REWARDS = Symbol('AuthorRewards');
