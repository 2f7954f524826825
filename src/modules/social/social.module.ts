import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CLOCK, systemClock } from '@domain/shared/clock';
import { SocialPersistenceModule } from '@infra/persistence/social/social-persistence.module';
import { PublishedArticlesModule } from '../content/published-articles.module';
import { IdentityModule } from '../identity/identity.module';
import { InteractionModule } from '../interaction/interaction.module';
import { FollowUserHandler } from './commands/follow-user/follow-user.handler';
import { FollowUserHttpController } from './commands/follow-user/follow-user.http.controller';
import { FanOutArticleSubscriber } from './events/fan-out-article.subscriber';
import { FollowTimelineSubscriber } from './events/follow-timeline.subscriber';
import { RemoveWithdrawnSubscriber } from './events/remove-withdrawn.subscriber';
import { GetProfileHandler } from './queries/get-profile/get-profile.handler';
import { GetProfileHttpController } from './queries/get-profile/get-profile.http.controller';
import { ListFollowingFeedHandler } from './queries/list-following-feed/list-following-feed.handler';
import { ListFollowingFeedHttpController } from './queries/list-following-feed/list-following-feed.http.controller';
import { ListFollowsHandler } from './queries/list-follows/list-follows.handler';
import { ListFollowsHttpController } from './queries/list-follows/list-follows.http.controller';

/**
 * Social: who follows whom (exact counters), public profiles and the following feed (hybrid
 * fan-out, docs/social.md). Users' names come from identity's USER_DIRECTORY, articles from
 * content's PUBLISHED_ARTICLES and, for the feed, counters and the reader's flags from
 * interaction's ARTICLE_STATS. Content's publish/withdraw events feed the timelines.
 */
@Module({
  imports: [
    CqrsModule,
    SocialPersistenceModule,
    IdentityModule,
    PublishedArticlesModule,
    InteractionModule,
  ],
  controllers: [
    FollowUserHttpController,
    ListFollowsHttpController,
    GetProfileHttpController,
    ListFollowingFeedHttpController,
  ],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    FollowUserHandler,
    GetProfileHandler,
    ListFollowsHandler,
    ListFollowingFeedHandler,
    FanOutArticleSubscriber,
    RemoveWithdrawnSubscriber,
    FollowTimelineSubscriber,
  ],
})
export class SocialModule {}
