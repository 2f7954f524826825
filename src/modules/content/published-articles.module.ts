import { Module } from '@nestjs/common';
import { PublishedArticlesPersistenceModule } from '@infra/persistence/content/content-persistence.module';
import { IdentityModule } from '../identity/identity.module';

/**
 * Content's second public Nest module: exports PUBLISHED_ARTICLES (PublishedArticles), the
 * public store as other contexts may read it. It is apart from ContentModule because
 * ContentModule imports InteractionModule (counters, read counting, ranking eviction), so
 * interaction, which needs this port, can't import ContentModule.
 */
@Module({
  imports: [PublishedArticlesPersistenceModule.withUserDirectory(IdentityModule)],
  exports: [PublishedArticlesPersistenceModule],
})
export class PublishedArticlesModule {}
