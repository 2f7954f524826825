import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PUBLISHED_ARTICLES, PublishedArticles } from '@domain/content/published-articles.port';
import {
  checkCommentContent,
  checkParent,
  StoredComment,
} from '@domain/interaction/comments/comment';
import {
  COMMENT_REPOSITORY,
  CommentRepository,
} from '@domain/interaction/comments/comment.repository';
import { USER_DIRECTORY, UserDirectory } from '@domain/identity/user-directory.port';
import { commentPosted } from '@domain/interaction/events/comment-posted.event';
import { CLOCK, Clock } from '@domain/shared/clock';
import { NotFoundError } from '@domain/shared/domain-error';
import { OUTBOX, Outbox } from '@domain/shared/domain-event';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';
import { newId } from '@domain/shared/uuid';
import { ArticleStatsService } from '@modules/interaction/article-stats.service';
import { withCommentAuthors } from '../../comment-authors';
import { CommentRateLimit } from '../../comment-rate-limit';
import { CommentResponse } from '../../dto/comment.response';
import { PostCommentCommand } from './post-comment.command';

/**
 * The post is counted against the author's rate limit first (and given back if a rule refuses
 * it). Then, in one transaction: the article is held published (a concurrent withdrawal waits,
 * and the article's comment writers run one at a time), a reply's parent is locked and checked,
 * the row and the counters are written, and `interaction.comment-posted` goes to the outbox.
 */
@CommandHandler(PostCommentCommand)
export class PostCommentHandler implements ICommandHandler<PostCommentCommand, CommentResponse> {
  constructor(
    @Inject(PUBLISHED_ARTICLES) private readonly articles: PublishedArticles,
    @Inject(COMMENT_REPOSITORY) private readonly comments: CommentRepository,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(OUTBOX) private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(USER_DIRECTORY) private readonly users: UserDirectory,
    private readonly rateLimit: CommentRateLimit,
    private readonly stats: ArticleStatsService,
  ) {}

  async execute({
    userId,
    articleId,
    content,
    parentId,
  }: PostCommentCommand): Promise<CommentResponse> {
    checkCommentContent(content);
    const token = await this.rateLimit.reserve(userId);
    let comment: StoredComment;
    try {
      comment = await this.uow.run(async () => {
        if (!(await this.articles.holdPublished(articleId))) throw new NotFoundError('Article');
        if (parentId) checkParent(await this.comments.lock(parentId), articleId);
        const now = this.clock.now();
        const posted: StoredComment = {
          id: newId(now.getTime()),
          articleId,
          parentId,
          authorId: userId,
          content,
          replyCount: 0,
          deletedAt: null,
          createdAt: now,
        };
        await this.comments.add(posted);
        await this.outbox.append(commentPosted(newId(now.getTime()), posted, now));
        return posted;
      });
    } catch (err) {
      await this.rateLimit.release(userId, token);
      throw err;
    }
    // After the commit, so no reader can re-cache the old counter.
    await this.stats.invalidate([articleId]);
    const rendered = (await withCommentAuthors(this.users, [comment]))(comment);
    if (!rendered) throw new NotFoundError('User');
    return rendered;
  }
}
