import { DomainEvent } from '@domain/shared/domain-event';

export const COMMENT_POSTED = 'interaction.comment-posted';

/** A comment or reply was posted (for later consumers: notifications, moderation, search). */
export function commentPosted(
  id: string,
  comment: { id: string; articleId: string; parentId: string | null; authorId: string },
  now: Date,
): DomainEvent {
  return {
    id,
    type: COMMENT_POSTED,
    aggregateId: comment.id,
    occurredAt: now,
    payload: {
      articleId: comment.articleId,
      parentId: comment.parentId,
      authorId: comment.authorId,
    },
  };
}
