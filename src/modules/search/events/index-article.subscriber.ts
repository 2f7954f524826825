import { Injectable } from '@nestjs/common';
import {
  ARTICLE_PUBLISHED,
  ARTICLE_WITHDRAWN,
  publicationArticleId,
} from '@domain/content/events/article-publication.events';
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
    await this.indexer.indexArticles([publicationArticleId(event)]);
  }
}
