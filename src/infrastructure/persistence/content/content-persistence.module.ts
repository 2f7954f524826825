import { Module } from '@nestjs/common';
import { ARTICLE_REPOSITORY } from '../../../domain/content/article.repository';
import { PUBLIC_ARTICLE_READER } from '../../../domain/content/public-article';
import { TypeormArticleRepository } from './typeorm-article.repository';
import { TypeormPublicArticleReader } from './typeorm-public-article.reader';

@Module({
  providers: [
    { provide: ARTICLE_REPOSITORY, useClass: TypeormArticleRepository },
    { provide: PUBLIC_ARTICLE_READER, useClass: TypeormPublicArticleReader },
  ],
  exports: [ARTICLE_REPOSITORY, PUBLIC_ARTICLE_READER],
})
export class ContentPersistenceModule {}
