import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PUBLISHED_ARTICLES, PublishedArticles } from '@domain/content/published-articles.port';
import { USER_DIRECTORY, UserDirectory } from '@domain/identity/user-directory.port';
import { INLINE_REPLIES } from '@domain/interaction/comments/comment';
import {
  COMMENT_REPOSITORY,
  CommentRepository,
} from '@domain/interaction/comments/comment.repository';
import { NotFoundError } from '@domain/shared/domain-error';
import { isUuid } from '@domain/shared/uuid';
import { decodeCursor, keysetFetchSize, keysetPage } from '@infra/http/pagination';
import { withCommentAuthors } from '../../comment-authors';
import { CommentPageResponse, TopLevelCommentResponse } from '../../dto/comment.response';
import { ListCommentsQuery } from './list-comments.query';

/**
 * An article's top-level comments, newest first (keyset on the UUIDv7 id), each with its first
 * replies: three round trips whatever the page's depth or the threads' sizes (the page with the
 * article check, the first replies of the comments that have some, the authors of all of them).
 */
@QueryHandler(ListCommentsQuery)
export class ListCommentsHandler implements IQueryHandler<ListCommentsQuery, CommentPageResponse> {
  constructor(
    @Inject(PUBLISHED_ARTICLES) private readonly articles: PublishedArticles,
    @Inject(COMMENT_REPOSITORY) private readonly comments: CommentRepository,
    @Inject(USER_DIRECTORY) private readonly users: UserDirectory,
  ) {}

  async execute({ articleId, limit, cursor }: ListCommentsQuery): Promise<CommentPageResponse> {
    const position = decodeCursor<{ c: string }>(
      cursor,
      (v) => typeof v.c === 'string' && isUuid(v.c),
    );
    const [published, rows] = await Promise.all([
      this.articles.cards([articleId]),
      this.comments.topLevel(articleId, position?.c ?? null, keysetFetchSize(limit)),
    ]);
    if (!published.has(articleId)) throw new NotFoundError('Article');
    const { items, nextCursor } = keysetPage(rows, limit, (c) => ({ c: c.id }));
    const replies = await this.comments.firstReplies(
      articleId,
      items.filter((c) => c.replyCount > 0).map((c) => c.id),
      INLINE_REPLIES,
    );
    const render = await withCommentAuthors(this.users, [
      ...items,
      ...[...replies.values()].flat(),
    ]);
    return {
      items: items.flatMap((c): TopLevelCommentResponse[] => {
        const comment = render(c);
        if (!comment) return [];
        const first = (replies.get(c.id) ?? []).map(render).filter((r) => r !== null);
        return [{ ...comment, replies: first }];
      }),
      nextCursor,
    };
  }
}
