import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ACCOUNT_DIRECTORY, AccountDirectory } from '@domain/bank/account-directory.port';
import { LEDGER, LedgerPort } from '@domain/bank/ledger.port';
import { Currency, CURRENCIES } from '@domain/bank/money.value-object';
import { Transfer } from '@domain/bank/transfer';
import { PUBLISHED_ARTICLES, PublishedArticles } from '@domain/content/published-articles.port';
import { NotFoundError } from '@domain/shared/domain-error';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { heldArticle, moveReward, rewardRecipient } from '../../author-rewards';
import { RewardAuthorCommand } from './reward-author.command';

/**
 * A reward is a ledger transfer (kind `reward`) from the reader's account to the author's
 * account of the same currency, both found through the bank's read port AccountDirectory. The ledger
 * joins this transaction, locks both accounts and enforces INSUFFICIENT_FUNDS. The rules and the
 * movement are shared with rewards paid through the provider (author-rewards.ts).
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
      const article = await heldArticle(this.articles, cmd.articleId);
      const currency = await this.currencyOfOwnAccount(cmd.actorId, cmd.fromAccountId);
      // Someone else's account is indistinguishable from a missing one.
      if (!currency) throw new NotFoundError('Account');
      const toAccountId = await rewardRecipient(this.accounts, article, cmd.actorId, currency);
      return moveReward(
        this.ledger,
        article.id,
        cmd.fromAccountId,
        toAccountId,
        cmd.amount,
        currency,
      );
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
