import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ArticleSnapshot } from '@domain/content/article.aggregate';
import { ARTICLE_REPOSITORY, ArticleRepository } from '@domain/content/article.repository';
import { CLOCK, Clock } from '@domain/shared/clock';
import { NotFoundError } from '@domain/shared/domain-error';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { ArticleCache } from '@modules/content/article-cache';
import { EditArticleCommand } from './edit-article.command';

/** Changes the draft only: the public store (what readers see) is untouched until the next publish. */
@CommandHandler(EditArticleCommand)
export class EditArticleHandler implements ICommandHandler<EditArticleCommand, ArticleSnapshot> {
  constructor(
    @Inject(ARTICLE_REPOSITORY) private readonly articles: ArticleRepository,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly cache: ArticleCache,
  ) {}

  async execute(cmd: EditArticleCommand): Promise<ArticleSnapshot> {
    const { snapshot, changed } = await this.uow.run(async () => {
      const article = await this.articles.lockById(cmd.articleId);
      // Someone else's draft is indistinguishable from a missing one.
      if (!article || !article.isOwnedBy(cmd.actorId)) throw new NotFoundError('Article');
      const changed = article.edit(cmd.changes, this.clock.now());
      if (changed) await this.articles.update(article);
      return { snapshot: article.snapshot(), changed };
    });
    if (changed) await this.cache.invalidate(cmd.actorId);
    return snapshot;
  }
}
