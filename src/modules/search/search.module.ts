import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { SearchPersistenceModule } from '@infra/persistence/search/search-persistence.module';
import { PublishedArticlesModule } from '../content/published-articles.module';
import { InteractionModule } from '../interaction/interaction.module';
import { IndexArticleSubscriber } from './events/index-article.subscriber';
import { SearchArticlesHandler } from './queries/search-articles/search-articles.handler';
import { SearchArticlesHttpController } from './queries/search-articles/search-articles.http.controller';
import { SearchIndexer } from './search-indexer';

/**
 * Search: full-text search over published articles behind the ARTICLE_SEARCH_INDEX port, fed
 * only from content's outbox events (docs/search.md). Reads articles through content's
 * PUBLISHED_ARTICLES and counters through interaction's ARTICLE_STATS; nothing imports search.
 */
@Module({
  imports: [CqrsModule, SearchPersistenceModule, PublishedArticlesModule, InteractionModule],
  controllers: [SearchArticlesHttpController],
  providers: [SearchIndexer, IndexArticleSubscriber, SearchArticlesHandler],
})
export class SearchModule {}
