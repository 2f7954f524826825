import { Inject, Injectable } from '@nestjs/common';
import { ACCOUNT_DIRECTORY, AccountDirectory } from '@domain/bank/account-directory.port';
import { RecipientHasNoAccountError } from '@domain/bank/bank.errors';
import { LEDGER, LedgerPort } from '@domain/bank/ledger.port';
import { Currency } from '@domain/bank/money.value-object';
import { Transfer } from '@domain/bank/transfer';
import {
  PUBLISHED_ARTICLES,
  PublishedArticleRef,
  PublishedArticles,
} from '@domain/content/published-articles.port';
import { AuthorRewardOutcome, AuthorRewards } from '@domain/interaction/author-rewards.port';
import { CannotRewardSelfError } from '@domain/interaction/interaction.errors';
import { DomainError, NotFoundError } from '@domain/shared/domain-error';

/**
 * The rules of a reward, whoever pays it (RewardAuthorHandler from the reader's balance,
 * InteractionAuthorRewards from a provider payment), in the caller's transaction. First the
 * article, held published until the transaction ends (404 otherwise)…
 */
export async function heldArticle(
  articles: PublishedArticles,
  articleId: string,
): Promise<PublishedArticleRef> {
  const article = await articles.holdPublished(articleId);
  if (!article) throw new NotFoundError('Article');
  return article;
}

/** … then the recipient: not the reader (CANNOT_REWARD_SELF), the author's account in the currency (RECIPIENT_HAS_NO_ACCOUNT). */
export async function rewardRecipient(
  accounts: AccountDirectory,
  article: PublishedArticleRef,
  readerId: string,
  currency: Currency,
): Promise<string> {
  if (article.authorId === readerId) throw new CannotRewardSelfError();
  const toAccountId = await accounts.findAccountId(article.authorId, currency);
  if (!toAccountId) throw new RecipientHasNoAccountError(currency);
  return toAccountId;
}

/** The reward's movement: `fromAccountId` → the author, kind reward. */
export function moveReward(
  ledger: LedgerPort,
  articleId: string,
  fromAccountId: string,
  toAccountId: string,
  amount: number,
  currency: Currency,
): Promise<Transfer> {
  return ledger.move({
    fromAccountId,
    toAccountId,
    amount,
    currency,
    kind: 'reward',
    note: `Reward for article ${articleId}`,
  });
}

/** AUTHOR_REWARDS, which InteractionModule exports: rewards paid through the external provider. */
@Injectable()
export class InteractionAuthorRewards implements AuthorRewards {
  constructor(
    @Inject(PUBLISHED_ARTICLES) private readonly articles: PublishedArticles,
    @Inject(ACCOUNT_DIRECTORY) private readonly accounts: AccountDirectory,
    @Inject(LEDGER) private readonly ledger: LedgerPort,
  ) {}

  async assertRewardable(readerId: string, articleId: string, currency: Currency): Promise<void> {
    const article = await heldArticle(this.articles, articleId);
    await rewardRecipient(this.accounts, article, readerId, currency);
  }

  async rewardFrom(
    readerId: string,
    articleId: string,
    fromAccountId: string,
    amount: number,
    currency: Currency,
  ): Promise<AuthorRewardOutcome> {
    let toAccountId: string;
    try {
      const article = await heldArticle(this.articles, articleId);
      toAccountId = await rewardRecipient(this.accounts, article, readerId, currency);
    } catch (err) {
      // The article was withdrawn, or its author has no account (any more) in the currency.
      if (err instanceof DomainError) return { rewarded: false, reason: err.message };
      throw err;
    }
    const transfer = await moveReward(
      this.ledger,
      articleId,
      fromAccountId,
      toAccountId,
      amount,
      currency,
    );
    return { rewarded: true, transferId: transfer.id };
  }
}
