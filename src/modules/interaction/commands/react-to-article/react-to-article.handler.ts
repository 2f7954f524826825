import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PUBLISHED_ARTICLES, PublishedArticles } from '@domain/content/published-articles.port';
import { REACTION_REPOSITORY, ReactionRepository } from '@domain/interaction/reaction.repository';
import { CLOCK, Clock } from '@domain/shared/clock';
import { NotFoundError } from '@domain/shared/domain-error';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { ArticleStatsService } from '@modules/interaction/article-stats.service';
import { ReactToArticleCommand } from './react-to-article.command';

/**
 * Idempotent per (user, article): the unique key decides whether anything changed, and the
 * counter moves in the same transaction only if it did. The article is held published
 * (holdPublished) until the commit, so a concurrent withdraw can't slip between the check and
 * the write.
 */
@CommandHandler(ReactToArticleCommand)
export class ReactToArticleHandler implements ICommandHandler<ReactToArticleCommand, void> {
  constructor(
    @Inject(PUBLISHED_ARTICLES) private readonly articles: PublishedArticles,
    @Inject(REACTION_REPOSITORY) private readonly reactions: ReactionRepository,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly stats: ArticleStatsService,
  ) {}

  async execute({ userId, articleId, reaction, on }: ReactToArticleCommand): Promise<void> {
    const changed = await this.uow.run(async () => {
      if (!(await this.articles.holdPublished(articleId))) throw new NotFoundError('Article');
      return on
        ? this.reactions.add(reaction, userId, articleId, this.clock.now())
        : this.reactions.remove(reaction, userId, articleId);
    });
    // After the commit, so no reader can re-cache the old counter.
    if (changed) await this.stats.invalidate([articleId]);
  }
}
