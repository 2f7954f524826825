import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ARTICLE_STATS, READ_RECORDER } from '@domain/interaction/article-stats';
import { AUTHOR_REWARDS } from '@domain/interaction/author-rewards.port';
import { RANKING_EVICTION } from '@domain/interaction/ranking';
import { CLOCK, systemClock } from '@domain/shared/clock';
import { InteractionPersistenceModule } from '@infra/persistence/interaction/interaction-persistence.module';
import { redisLeasesProvider } from '@infra/redis/redis-lease';
import { BankModule } from '../bank/bank.module';
import { PublishedArticlesModule } from '../content/published-articles.module';
import { IdentityModule } from '../identity/identity.module';
import { ArticleStatsService } from './article-stats.service';
import { InteractionAuthorRewards } from './author-rewards';
import { CommentRateLimit } from './comments/comment-rate-limit';
import { DeleteCommentHandler } from './comments/commands/delete-comment/delete-comment.handler';
import { DeleteCommentHttpController } from './comments/commands/delete-comment/delete-comment.http.controller';
import { PostCommentHandler } from './comments/commands/post-comment/post-comment.handler';
import { PostCommentHttpController } from './comments/commands/post-comment/post-comment.http.controller';
import { ListCommentsHandler } from './comments/queries/list-comments/list-comments.handler';
import { ListCommentsHttpController } from './comments/queries/list-comments/list-comments.http.controller';
import { ListRepliesHandler } from './comments/queries/list-replies/list-replies.handler';
import { ListRepliesHttpController } from './comments/queries/list-replies/list-replies.http.controller';
import { CollectArticleHttpController } from './commands/react-to-article/collect-article.http.controller';
import { LikeArticleHttpController } from './commands/react-to-article/like-article.http.controller';
import { ReactToArticleHandler } from './commands/react-to-article/react-to-article.handler';
import { RefreshRankingHandler } from './commands/refresh-ranking/refresh-ranking.handler';
import { RefreshRankingHttpController } from './commands/refresh-ranking/refresh-ranking.http.controller';
import { RewardAuthorHandler } from './commands/reward-author/reward-author.handler';
import { RewardAuthorHttpController } from './commands/reward-author/reward-author.http.controller';
import { ApplyReadsSubscriber } from './events/apply-reads.subscriber';
import { GetRankingHandler } from './queries/get-ranking/get-ranking.handler';
import { GetRankingHttpController } from './queries/get-ranking/get-ranking.http.controller';
import { ListCollectionsHandler } from './queries/list-collections/list-collections.handler';
import { ListCollectionsHttpController } from './queries/list-collections/list-collections.http.controller';
import { RankingScheduler } from './ranking/ranking.scheduler';
import { RankingService } from './ranking/ranking.service';
import { ReadBuffer } from './reads/read-buffer';

/**
 * Interaction: reads, likes, collections, comments, the hot ranking and rewards. Offers the content
 * context its counters, read counting and ranking eviction through ARTICLE_STATS, READ_RECORDER
 * and RANKING_EVICTION; knows published articles only through content's PUBLISHED_ARTICLES
 * (PublishedArticlesModule); pays authors only through the bank's LedgerPort.
 */
@Module({
  imports: [
    CqrsModule,
    InteractionPersistenceModule,
    PublishedArticlesModule,
    BankModule,
    // USER_DIRECTORY: the authors of comments.
    IdentityModule,
  ],
  controllers: [
    LikeArticleHttpController,
    CollectArticleHttpController,
    ListCollectionsHttpController,
    RewardAuthorHttpController,
    GetRankingHttpController,
    RefreshRankingHttpController,
    PostCommentHttpController,
    ListCommentsHttpController,
    ListRepliesHttpController,
    DeleteCommentHttpController,
  ],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    ArticleStatsService,
    { provide: ARTICLE_STATS, useExisting: ArticleStatsService },
    ReadBuffer,
    { provide: READ_RECORDER, useExisting: ReadBuffer },
    ApplyReadsSubscriber,
    RankingService,
    { provide: RANKING_EVICTION, useExisting: RankingService },
    redisLeasesProvider,
    RankingScheduler,
    ReactToArticleHandler,
    RewardAuthorHandler,
    ListCollectionsHandler,
    GetRankingHandler,
    RefreshRankingHandler,
    CommentRateLimit,
    PostCommentHandler,
    DeleteCommentHandler,
    ListCommentsHandler,
    ListRepliesHandler,
    { provide: AUTHOR_REWARDS, useClass: InteractionAuthorRewards },
  ],
  // AUTHOR_REWARDS: for the payment context's provider-paid rewards (docs/payments.md).
  exports: [ARTICLE_STATS, READ_RECORDER, RANKING_EVICTION, AUTHOR_REWARDS],
})
export class InteractionModule {}
