import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PUBLISHED_ARTICLES, PublishedArticles } from '@domain/content/published-articles.port';
import { mayDelete, planRemoval } from '@domain/interaction/comments/comment';
import {
  COMMENT_REPOSITORY,
  CommentRepository,
} from '@domain/interaction/comments/comment.repository';
import { CLOCK, Clock } from '@domain/shared/clock';
import { NotFoundError } from '@domain/shared/domain-error';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { ArticleStatsService } from '@modules/interaction/article-stats.service';
import { DeleteCommentCommand } from './delete-comment.command';

/**
 * In one transaction, in the order every comment writer locks (the article, then the comment,
 * then its parent): the article is held published, the comment is read again under its lock
 * (a parallel delete may have got there first), the caller's right is checked, and the planned
 * removal is applied with the counters. Anything the caller may not delete, a comment already
 * deleted and any comment of an article that is not published are all 404.
 */
@CommandHandler(DeleteCommentCommand)
export class DeleteCommentHandler implements ICommandHandler<DeleteCommentCommand, void> {
  constructor(
    @Inject(PUBLISHED_ARTICLES) private readonly articles: PublishedArticles,
    @Inject(COMMENT_REPOSITORY) private readonly comments: CommentRepository,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly stats: ArticleStatsService,
  ) {}

  async execute({ userId, isAdmin, commentId }: DeleteCommentCommand): Promise<void> {
    const articleId = await this.uow.run(async () => {
      // A comment never moves to another article: this read only says which article to hold.
      const seen = await this.comments.find(commentId);
      const article = seen && (await this.articles.holdPublished(seen.articleId));
      if (!article) throw new NotFoundError('Comment');
      const comment = await this.comments.lock(commentId);
      if (
        !comment ||
        comment.deletedAt ||
        !mayDelete({ userId, isAdmin }, comment, article.authorId)
      )
        throw new NotFoundError('Comment');
      const parent = comment.parentId ? await this.comments.lock(comment.parentId) : null;
      await this.comments.remove(article.id, planRemoval(comment, parent), this.clock.now());
      return article.id;
    });
    // After the commit, so no reader can re-cache the old counter.
    await this.stats.invalidate([articleId]);
  }
}
