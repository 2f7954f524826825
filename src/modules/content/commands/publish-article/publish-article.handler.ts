import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ArticleSnapshot } from '@domain/content/article.aggregate';
import { ARTICLE_REPOSITORY, ArticleRepository } from '@domain/content/article.repository';
import { articlePublished } from '@domain/content/events/article-visibility.events';
import { CLOCK, Clock } from '@domain/shared/clock';
import { OUTBOX, Outbox } from '@domain/shared/domain-event';
import { NotFoundError } from '@domain/shared/domain-error';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { ArticleCache } from '@modules/content/article-cache';
import { PublishArticleCommand } from './publish-article.command';

/**
 * One transaction: the draft's state and its copy in the public store change together, so
 * readers see either the old version or the new one, never a half-published article. Then the
 * caches are invalidated and pre-warmed (a Redis failure there only costs a cache miss).
 */
@CommandHandler(PublishArticleCommand)
export class PublishArticleHandler implements ICommandHandler<
  PublishArticleCommand,
  ArticleSnapshot
> {
  constructor(
    @Inject(ARTICLE_REPOSITORY) private readonly articles: ArticleRepository,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly cache: ArticleCache,
    @Inject(OUTBOX) private readonly outbox: Outbox,
  ) {}

  async execute(cmd: PublishArticleCommand): Promise<ArticleSnapshot> {
    const snapshot = await this.uow.run(async () => {
      const article = await this.articles.lockById(cmd.articleId);
      if (!article || !article.isOwnedBy(cmd.actorId)) throw new NotFoundError('Article');
      const version = article.publish(this.clock.now());
      await this.articles.update(article);
      await this.articles.putPublished(version);
      // Other contexts (the social timelines) follow the public store through this event.
      await this.outbox.append(
        articlePublished(
          { articleId: version.id, authorId: cmd.actorId, publishedAt: version.publishedAt },
          this.clock.now(),
        ),
      );
      return article.snapshot();
    });
    await this.cache.refreshAfterPublish(cmd.articleId, cmd.actorId);
    return snapshot;
  }
}
