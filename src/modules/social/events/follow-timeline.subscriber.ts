import { Inject, Injectable } from '@nestjs/common';
import { PUBLISHED_ARTICLES, PublishedArticles } from '@domain/content/published-articles.port';
import { DomainEvent, DomainEventHandler } from '@domain/shared/domain-event';
import { followOf, USER_FOLLOWED, USER_UNFOLLOWED } from '@domain/social/events/follow.events';
import { FOLLOW_REPOSITORY, FollowRepository } from '@domain/social/follow.repository';
import { TIMELINE_REPOSITORY, TimelineRepository } from '@domain/social/timeline.repository';
import { AppConfig } from '@infra/config/app-config';
import { EventSubscriber } from '@infra/queue/event-subscriber.decorator';

/**
 * Keeps a reader's timeline in step with whom they follow. Both directions act on the relation
 * as it is now, read with a shared lock (a concurrent unfollow's DELETE waits for this commit),
 * so follow/unfollow events handled late or out of order converge: a backfill never lands after
 * the unfollow that should have removed it.
 */
@Injectable()
@EventSubscriber({ name: 'social.follow-timeline', on: [USER_FOLLOWED, USER_UNFOLLOWED] })
export class FollowTimelineSubscriber implements DomainEventHandler {
  constructor(
    @Inject(FOLLOW_REPOSITORY) private readonly follows: FollowRepository,
    @Inject(TIMELINE_REPOSITORY) private readonly timeline: TimelineRepository,
    @Inject(PUBLISHED_ARTICLES) private readonly published: PublishedArticles,
    private readonly config: AppConfig,
  ) {}

  async handle(event: DomainEvent): Promise<void> {
    const f = followOf(event);
    if (!f) return;
    const following = await this.follows.isFollowing(f.followerId, f.followeeId, true);
    if (event.type === USER_UNFOLLOWED) {
      if (!following) await this.timeline.removeAuthor(f.followerId, f.followeeId);
      return;
    }
    if (!following || (await this.follows.isCelebrity(f.followeeId))) return;
    const recent = await this.published.latestByAuthors(
      [f.followeeId],
      null,
      this.config.env.FEED_BACKFILL_ARTICLES,
    );
    await this.timeline.pushMany(
      f.followerId,
      recent.map((a) => ({ articleId: a.id, authorId: a.authorId, publishedAt: a.publishedAt })),
    );
  }
}
