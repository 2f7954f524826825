import { Inject, Injectable } from '@nestjs/common';
import {
  ARTICLE_PUBLISHED,
  articleVisibilityOf,
} from '@domain/content/events/article-visibility.events';
import { PUBLISHED_ARTICLES, PublishedArticles } from '@domain/content/published-articles.port';
import { CLOCK, Clock } from '@domain/shared/clock';
import { DomainEvent, DomainEventHandler, OUTBOX, Outbox } from '@domain/shared/domain-event';
import {
  FANOUT_CONTINUED,
  fanOutBatchOf,
  fanOutContinued,
  FanOutBatch,
} from '@domain/social/events/follow.events';
import { FOLLOW_REPOSITORY, FollowRepository } from '@domain/social/follow.repository';
import { TIMELINE_REPOSITORY, TimelineRepository } from '@domain/social/timeline.repository';
import { AppConfig } from '@infra/config/app-config';
import { EventSubscriber } from '@infra/queue/event-subscriber.decorator';

/** A batch to push; `after: null` is the first one (the published event itself). */
type Batch = Omit<FanOutBatch, 'after'> & { after: FanOutBatch['after'] | null };

/**
 * Fan-out on write: a published article goes into the timeline of each follower of its author,
 * FEED_FANOUT_BATCH_SIZE followers per job. Each batch runs in the relay's transaction with its
 * dedupe mark and appends the next batch as a new event, so a batch delivered twice is skipped,
 * a crash resumes at the last committed batch, and any worker process may take any batch. The
 * timeline upsert is idempotent anyway. Celebrities are skipped: their followers pull them.
 */
@Injectable()
@EventSubscriber({ name: 'social.fan-out-article', on: [ARTICLE_PUBLISHED, FANOUT_CONTINUED] })
export class FanOutArticleSubscriber implements DomainEventHandler {
  constructor(
    @Inject(FOLLOW_REPOSITORY) private readonly follows: FollowRepository,
    @Inject(TIMELINE_REPOSITORY) private readonly timeline: TimelineRepository,
    @Inject(PUBLISHED_ARTICLES) private readonly published: PublishedArticles,
    @Inject(OUTBOX) private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async handle(event: DomainEvent): Promise<void> {
    const batch = this.batchOf(event);
    if (!batch) return;
    if (event.type === ARTICLE_PUBLISHED && (await this.follows.isCelebrity(batch.authorId)))
      return;
    // Withdrawn (or republished at another time) since: nothing to push, a later event does it.
    const card = (await this.published.cards([batch.articleId])).get(batch.articleId);
    if (!card || card.publishedAt.getTime() !== batch.publishedAt.getTime()) return;
    const size = this.config.env.FEED_FANOUT_BATCH_SIZE;
    const followers = await this.follows.followersAfter(batch.authorId, batch.after, size);
    await this.timeline.push(
      followers.map((f) => f.followerId),
      { articleId: batch.articleId, authorId: batch.authorId, publishedAt: batch.publishedAt },
    );
    if (followers.length < size) return;
    const last = followers[followers.length - 1];
    await this.outbox.append(
      fanOutContinued(
        { ...batch, after: { since: last.since, userId: last.followerId } },
        this.clock.now(),
      ),
    );
  }

  private batchOf(event: DomainEvent): Batch | null {
    if (event.type === FANOUT_CONTINUED) return fanOutBatchOf(event);
    const v = articleVisibilityOf(event);
    return v && { ...v, after: null };
  }
}
