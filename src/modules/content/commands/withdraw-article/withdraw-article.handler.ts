import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ArticleSnapshot } from '@domain/content/article.aggregate';
import { ARTICLE_REPOSITORY, ArticleRepository } from '@domain/content/article.repository';
import { RANKING_EVICTION, RankingEviction } from '@domain/interaction/ranking';
import { articleWithdrawn } from '@domain/content/events/article-visibility.events';
import { CLOCK, Clock } from '@domain/shared/clock';
import { OUTBOX, Outbox } from '@domain/shared/domain-event';
import { NotFoundError } from '@domain/shared/domain-error';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { ArticleCache } from '@modules/content/article-cache';
import { WithdrawArticleCommand } from './withdraw-article.command';

/**
 * Removes the public copy in the same transaction as the state change; the draft stays. After
 * the commit, the article leaves the caches and the served ranking at once.
 */
@CommandHandler(WithdrawArticleCommand)
export class WithdrawArticleHandler implements ICommandHandler<
  WithdrawArticleCommand,
  ArticleSnapshot
> {
  constructor(
    @Inject(ARTICLE_REPOSITORY) private readonly articles: ArticleRepository,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly cache: ArticleCache,
    @Inject(RANKING_EVICTION) private readonly ranking: RankingEviction,
    @Inject(OUTBOX) private readonly outbox: Outbox,
  ) {}

  async execute(cmd: WithdrawArticleCommand): Promise<ArticleSnapshot> {
    const { snapshot, changed } = await this.uow.run(async () => {
      const article = await this.articles.lockById(cmd.articleId);
      if (!article || !article.isOwnedBy(cmd.actorId)) throw new NotFoundError('Article');
      const publishedAt = article.snapshot().publishedAt;
      const now = this.clock.now();
      const changed = article.withdraw(now);
      if (changed) {
        await this.articles.update(article);
        await this.articles.removePublished(article.id);
        await this.outbox.append(
          articleWithdrawn(
            { articleId: article.id, authorId: cmd.actorId, publishedAt: publishedAt ?? now },
            now,
          ),
        );
      }
      return { snapshot: article.snapshot(), changed };
    });
    if (changed) {
      await Promise.all([
        this.cache.invalidate(cmd.actorId, cmd.articleId),
        this.ranking.articleWithdrawn(cmd.articleId),
      ]);
    }
    return snapshot;
  }
}
