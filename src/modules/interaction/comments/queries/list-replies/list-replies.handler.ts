import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PUBLISHED_ARTICLES, PublishedArticles } from '@domain/content/published-articles.port';
import { USER_DIRECTORY, UserDirectory } from '@domain/identity/user-directory.port';
import {
  COMMENT_REPOSITORY,
  CommentRepository,
} from '@domain/interaction/comments/comment.repository';
import { NotFoundError } from '@domain/shared/domain-error';
import { isUuid } from '@domain/shared/uuid';
import { decodeCursor, keysetFetchSize, keysetPage } from '@infra/http/pagination';
import { withCommentAuthors } from '../../comment-authors';
import { ReplyPageResponse } from '../../dto/comment.response';
import { ListRepliesQuery } from './list-replies.query';

/**
 * The replies to a listed comment (a live one or a deleted one kept for its replies), oldest
 * first, keyset on the UUIDv7 id. A reply has no replies: its list is empty. A comment no longer
 * listed, or of an article that is not published, is 404.
 */
@QueryHandler(ListRepliesQuery)
export class ListRepliesHandler implements IQueryHandler<ListRepliesQuery, ReplyPageResponse> {
  constructor(
    @Inject(PUBLISHED_ARTICLES) private readonly articles: PublishedArticles,
    @Inject(COMMENT_REPOSITORY) private readonly comments: CommentRepository,
    @Inject(USER_DIRECTORY) private readonly users: UserDirectory,
  ) {}

  async execute({ commentId, limit, cursor }: ListRepliesQuery): Promise<ReplyPageResponse> {
    const position = decodeCursor<{ c: string }>(
      cursor,
      (v) => typeof v.c === 'string' && isUuid(v.c),
    );
    const parent = await this.comments.find(commentId);
    if (!parent) throw new NotFoundError('Comment');
    const [published, rows] = await Promise.all([
      this.articles.cards([parent.articleId]),
      this.comments.replies(
        parent.articleId,
        parent.id,
        position?.c ?? null,
        keysetFetchSize(limit),
      ),
    ]);
    if (!published.has(parent.articleId)) throw new NotFoundError('Comment');
    const { items, nextCursor } = keysetPage(rows, limit, (c) => ({ c: c.id }));
    const render = await withCommentAuthors(this.users, items);
    return { items: items.map(render).filter((c) => c !== null), nextCursor };
  }
}
