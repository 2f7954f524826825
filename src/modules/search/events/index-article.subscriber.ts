import { Injectable } from '@nestjs/common';
import {
  ARTICLE_PUBLISHED,
  ARTICLE_WITHDRAWN,
  articleVisibilityOf,
} from '@domain/content/events/article-visibility.events';
import { DomainEvent, DomainEventHandler } from '@domain/shared/domain-event';
import { EventSubscriber } from '@infra/queue/event-subscriber.decorator';
import { SearchIndexer } from '../search-indexer';

/**
 * Keeps the search index equal to content: a publish, a publish of edits and a withdrawal each
 * make the indexer read the article's current state and version and store it (a tombstone when
 * not published). Inside the event processor's transaction with the dedupe mark.
 */
@Injectable()
@EventSubscriber({ name: 'search.index-article', on: [ARTICLE_PUBLISHED, ARTICLE_WITHDRAWN] })
export class IndexArticleSubscriber implements DomainEventHandler {
  constructor(private readonly indexer: SearchIndexer) {}

  async handle(event: DomainEvent): Promise<void> {
    // Only the article's id is used: the indexer reads the state (and its version) itself.
    const article = articleVisibilityOf(event);
    // Unreadable now means unreadable forever: failing sends it to the dead-letter queue.
    if (!article) throw new Error(`${event.type} ${event.id}: payload this version can't read`);
    await this.indexer.indexArticles([article.articleId]);
  }
}
