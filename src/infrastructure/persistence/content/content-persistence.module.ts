import { DynamicModule, Module, Type } from '@nestjs/common';
import { ARTICLE_REPOSITORY } from '@domain/content/article.repository';
import { PUBLIC_ARTICLE_READER } from '@domain/content/public-article';
import { PUBLISHED_ARTICLES } from '@domain/content/published-articles.port';
import { TypeormArticleRepository } from './typeorm-article.repository';
import { TypeormPublicArticleReader } from './typeorm-public-article.reader';
import { TypeormPublishedArticles } from './typeorm-published-articles';

// The public store's readers show authors through identity's USER_DIRECTORY. Persistence never
// imports another context's module, so content's own Nest modules hand in the one exporting it
// (IdentityModule).

/** The content context's own adapters, used by ContentModule only. */
@Module({})
export class ContentPersistenceModule {
  static withUserDirectory(userDirectoryModule: Type): DynamicModule {
    return {
      module: ContentPersistenceModule,
      imports: [userDirectoryModule],
      providers: [
        { provide: ARTICLE_REPOSITORY, useClass: TypeormArticleRepository },
        { provide: PUBLIC_ARTICLE_READER, useClass: TypeormPublicArticleReader },
      ],
      exports: [ARTICLE_REPOSITORY, PUBLIC_ARTICLE_READER],
    };
  }
}

/**
 * The adapter behind PUBLISHED_ARTICLES, content's read port for other contexts.
 * PublishedArticlesModule imports and re-exports it.
 */
@Module({})
export class PublishedArticlesPersistenceModule {
  static withUserDirectory(userDirectoryModule: Type): DynamicModule {
    return {
      module: PublishedArticlesPersistenceModule,
      imports: [userDirectoryModule],
      providers: [{ provide: PUBLISHED_ARTICLES, useClass: TypeormPublishedArticles }],
      exports: [PUBLISHED_ARTICLES],
    };
  }
}
