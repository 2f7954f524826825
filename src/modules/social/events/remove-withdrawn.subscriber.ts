import { Inject, Injectable } from '@nestjs/common';
import {
  ARTICLE_WITHDRAWN,
  articleVisibilityOf,
} from '@domain/content/events/article-visibility.events';
import { DomainEvent, DomainEventHandler } from '@domain/shared/domain-event';
import { TIMELINE_REPOSITORY, TimelineRepository } from '@domain/social/timeline.repository';
import { EventSubscriber } from '@infra/queue/event-subscriber.decorator';

/**
 * A withdrawn article leaves every timeline (readers never see it meanwhile: the feed filters
 * by the public store). Rows of a later republish (a later published_at) are kept.
 */
@Injectable()
@EventSubscriber({ name: 'social.remove-withdrawn', on: [ARTICLE_WITHDRAWN] })
export class RemoveWithdrawnSubscriber implements DomainEventHandler {
  constructor(@Inject(TIMELINE_REPOSITORY) private readonly timeline: TimelineRepository) {}

  async handle(event: DomainEvent): Promise<void> {
    const v = articleVisibilityOf(event);
    if (v) await this.timeline.removeArticle(v.articleId, v.publishedAt);
  }
}
