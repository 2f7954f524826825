import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Article, ArticleSnapshot } from '@domain/content/article.aggregate';
import { ARTICLE_REPOSITORY, ArticleRepository } from '@domain/content/article.repository';
import { CLOCK, Clock } from '@domain/shared/clock';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { newId } from '@domain/shared/uuid';
import { ArticleCache } from '@modules/content/article-cache';
import { CreateArticleCommand } from './create-article.command';

@CommandHandler(CreateArticleCommand)
export class CreateArticleHandler implements ICommandHandler<
  CreateArticleCommand,
  ArticleSnapshot
> {
  constructor(
    @Inject(ARTICLE_REPOSITORY) private readonly articles: ArticleRepository,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly cache: ArticleCache,
  ) {}

  async execute(cmd: CreateArticleCommand): Promise<ArticleSnapshot> {
    const now = this.clock.now();
    const article = Article.create({
      id: newId(now.getTime()),
      authorId: cmd.authorId,
      title: cmd.title,
      content: cmd.content,
      now,
    });
    await this.uow.run(() => this.articles.insert(article));
    await this.cache.invalidate(cmd.authorId);
    return article.snapshot();
  }
}
