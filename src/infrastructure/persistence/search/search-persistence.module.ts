import { Module } from '@nestjs/common';
import { ARTICLE_SEARCH_INDEX } from '@domain/search/article-search-index.port';
import { TypeormArticleSearchIndex } from './typeorm-article-search-index';

/**
 * The search engine behind ARTICLE_SEARCH_INDEX. SEARCH_ENGINE=database (the only value this
 * build accepts) binds the InnoDB FULLTEXT adapter; `elasticsearch` is reserved for an adapter
 * bound here the same way (docs/search.md "Elasticsearch / OpenSearch").
 */
@Module({
  providers: [{ provide: ARTICLE_SEARCH_INDEX, useClass: TypeormArticleSearchIndex }],
  exports: [ARTICLE_SEARCH_INDEX],
})
export class SearchPersistenceModule {}
