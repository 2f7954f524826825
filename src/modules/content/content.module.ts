import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CLOCK, systemClock } from '@domain/shared/clock';
import { ContentPersistenceModule } from '@infra/persistence/content/content-persistence.module';
import { IdentityModule } from '../identity/identity.module';
import { InteractionModule } from '../interaction/interaction.module';
import { ArticleCache } from './article-cache';
import { CreateArticleHandler } from './commands/create-article/create-article.handler';
import { CreateArticleHttpController } from './commands/create-article/create-article.http.controller';
import { EditArticleHandler } from './commands/edit-article/edit-article.handler';
import { EditArticleHttpController } from './commands/edit-article/edit-article.http.controller';
import { PublishArticleHandler } from './commands/publish-article/publish-article.handler';
import { PublishArticleHttpController } from './commands/publish-article/publish-article.http.controller';
import { WithdrawArticleHandler } from './commands/withdraw-article/withdraw-article.handler';
import { WithdrawArticleHttpController } from './commands/withdraw-article/withdraw-article.http.controller';
import { GetFeedArticleHandler } from './queries/get-feed-article/get-feed-article.handler';
import { GetFeedArticleHttpController } from './queries/get-feed-article/get-feed-article.http.controller';
import { GetOwnArticleHandler } from './queries/get-own-article/get-own-article.handler';
import { GetOwnArticleHttpController } from './queries/get-own-article/get-own-article.http.controller';
import { ListFeedHandler } from './queries/list-feed/list-feed.handler';
import { ListFeedHttpController } from './queries/list-feed/list-feed.http.controller';
import { ListOwnArticlesHandler } from './queries/list-own-articles/list-own-articles.handler';
import { ListOwnArticlesHttpController } from './queries/list-own-articles/list-own-articles.http.controller';

/**
 * Content: the author's articles (authoring store) and their published versions (public store,
 * the only thing readers read). Counters and read counting come from the interaction context
 * through its ports (ARTICLE_STATS, READ_RECORDER); a withdrawal leaves the ranking through
 * RANKING_EVICTION; authors' names from identity's USER_DIRECTORY. The public store is offered
 * to other contexts by PublishedArticlesModule, not by this module.
 */
@Module({
  imports: [
    CqrsModule,
    ContentPersistenceModule.withUserDirectory(IdentityModule),
    InteractionModule,
  ],
  controllers: [
    CreateArticleHttpController,
    ListOwnArticlesHttpController,
    GetOwnArticleHttpController,
    EditArticleHttpController,
    PublishArticleHttpController,
    WithdrawArticleHttpController,
    ListFeedHttpController,
    GetFeedArticleHttpController,
  ],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    ArticleCache,
    CreateArticleHandler,
    EditArticleHandler,
    PublishArticleHandler,
    WithdrawArticleHandler,
    GetOwnArticleHandler,
    ListOwnArticlesHandler,
    ListFeedHandler,
    GetFeedArticleHandler,
  ],
})
export class ContentModule {}
