import { DomainEvent } from '@domain/shared/domain-event';
import { ArticleSnapshot } from '../article.aggregate';

/** A version of the article became public: first publish, republish, or publish of an edit. */
export const ARTICLE_PUBLISHED = 'content.article-published';
/** The public version was removed (the draft stays). */
export const ARTICLE_WITHDRAWN = 'content.article-withdrawn';

/**
 * The payload names the article, not its text (up to 100,000 characters would bloat the
 * outbox): subscribers that need the published version read it through PUBLISHED_ARTICLES.
 * `version` is the article's `updatedAt` in ms after the change, strictly increasing per
 * article (the aggregate guarantees it), so a subscriber can tell a late event from a new one.
 */
function publicationEvent(type: string, eventId: string, a: ArticleSnapshot): DomainEvent {
  return {
    id: eventId,
    type,
    aggregateId: a.id,
    occurredAt: a.updatedAt,
    payload: {
      articleId: a.id,
      authorId: a.authorId,
      publishedAt: a.publishedAt?.toISOString() ?? null,
      version: a.updatedAt.getTime(),
    },
  };
}

export function articlePublished(eventId: string, article: ArticleSnapshot): DomainEvent {
  return publicationEvent(ARTICLE_PUBLISHED, eventId, article);
}

export function articleWithdrawn(eventId: string, article: ArticleSnapshot): DomainEvent {
  return publicationEvent(ARTICLE_WITHDRAWN, eventId, article);
}

/** The article an ARTICLE_PUBLISHED / ARTICLE_WITHDRAWN event is about. */
export function publicationArticleId(event: DomainEvent): string {
  const id = event.payload.articleId;
  if (typeof id !== 'string') throw new Error(`${event.type} ${event.id} has no articleId`);
  return id;
}
