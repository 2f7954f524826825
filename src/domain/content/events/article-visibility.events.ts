import type { DomainEvent } from '@domain/shared/domain-event';
import { isUuid, newId } from '@domain/shared/uuid';

/** An article became visible to readers, or a new version of a visible one was published. */
export const ARTICLE_PUBLISHED = 'content.article-published';
/** A published article left the public store. */
export const ARTICLE_WITHDRAWN = 'content.article-withdrawn';

export interface ArticleVisibilityPayload {
  articleId: string;
  authorId: string;
  /** ISO time the article (last) became visible; for a withdrawal, that of the version withdrawn. */
  publishedAt: string;
}

function visibilityEvent(
  type: string,
  p: { articleId: string; authorId: string; publishedAt: Date },
  now: Date,
): DomainEvent {
  const payload: ArticleVisibilityPayload = {
    articleId: p.articleId,
    authorId: p.authorId,
    publishedAt: p.publishedAt.toISOString(),
  };
  return {
    id: newId(now.getTime()),
    type,
    aggregateId: p.articleId,
    occurredAt: now,
    payload: { ...payload },
  };
}

/** Appended by content in the publish transaction (other contexts follow the public store with it). */
export function articlePublished(
  p: { articleId: string; authorId: string; publishedAt: Date },
  now: Date,
): DomainEvent {
  return visibilityEvent(ARTICLE_PUBLISHED, p, now);
}

/** Appended by content in the withdrawal transaction. */
export function articleWithdrawn(
  p: { articleId: string; authorId: string; publishedAt: Date },
  now: Date,
): DomainEvent {
  return visibilityEvent(ARTICLE_WITHDRAWN, p, now);
}

/** The payload of either event, or null when it is not one this version can read. */
export function articleVisibilityOf(
  event: DomainEvent,
): { articleId: string; authorId: string; publishedAt: Date } | null {
  const { articleId, authorId, publishedAt } = event.payload;
  if (typeof articleId !== 'string' || !isUuid(articleId)) return null;
  if (typeof authorId !== 'string' || !isUuid(authorId)) return null;
  if (typeof publishedAt !== 'string') return null;
  const at = new Date(publishedAt);
  if (Number.isNaN(at.getTime())) return null;
  return { articleId, authorId, publishedAt: at };
}
