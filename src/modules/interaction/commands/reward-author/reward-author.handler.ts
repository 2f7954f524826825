import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ACCOUNT_DIRECTORY, AccountDirectory } from '@domain/bank/account-directory.port';
import { RecipientHasNoAccountError } from '@domain/bank/bank.errors';
import { LEDGER, LedgerPort } from '@domain/bank/ledger.port';
import { Currency, CURRENCIES } from '@domain/bank/money.value-object';
import { Transfer } from '@domain/bank/transfer';
import { PUBLISHED_ARTICLES, PublishedArticles } from '@domain/content/published-articles.port';
import { CannotRewardSelfError } from '@domain/interaction/interaction.errors';
import { NotFoundError } from '@domain/shared/domain-error';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { RewardAuthorCommand } from './reward-author.command';

/**
 * A reward is a ledger transfer (kind `reward`) from the reader's account to the author's
 * account of the same currency, both found through the bank's read port AccountDirectory. The ledger
 * joins this transaction, locks both accounts and enforces INSUFFICIENT_FUNDS.
 */
@CommandHandler(RewardAuthorCommand)
export class RewardAuthorHandler implements ICommandHandler<RewardAuthorCommand, Transfer> {
  constructor(
    @Inject(PUBLISHED_ARTICLES) private readonly articles: PublishedArticles,
    @Inject(ACCOUNT_DIRECTORY) private readonly accounts: AccountDirectory,
    @Inject(LEDGER) private readonly ledger: LedgerPort,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
  ) {}

  execute(cmd: RewardAuthorCommand): Promise<Transfer> {
    return this.uow.run(async () => {
      const article = await this.articles.holdPublished(cmd.articleId);
      if (!article) throw new NotFoundError('Article');
      const currency = await this.currencyOfOwnAccount(cmd.actorId, cmd.fromAccountId);
      // Someone else's account is indistinguishable from a missing one.
      if (!currency) throw new NotFoundError('Account');
      if (article.authorId === cmd.actorId) throw new CannotRewardSelfError();
      const toAccountId = await this.accounts.findAccountId(article.authorId, currency);
      if (!toAccountId) throw new RecipientHasNoAccountError(currency);
      return this.ledger.move({
        fromAccountId: cmd.fromAccountId,
        toAccountId,
        amount: cmd.amount,
        currency,
        kind: 'reward',
        note: `Reward for article ${article.id}`,
      });
    });
  }

  /** The currency of `accountId` if it is one of the caller's accounts (one per currency). */
  private async currencyOfOwnAccount(ownerId: string, accountId: string): Promise<Currency | null> {
    for (const currency of CURRENCIES) {
      if ((await this.accounts.findAccountId(ownerId, currency)) === accountId) return currency;
    }
    return null;
  }
}
