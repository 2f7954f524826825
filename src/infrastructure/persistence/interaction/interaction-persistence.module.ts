import { Module } from '@nestjs/common';
import { PUBLISHED_ARTICLES } from '../../../domain/interaction/published-articles.port';
import { REACTION_REPOSITORY } from '../../../domain/interaction/reaction.repository';
import { TypeormPublishedArticles } from './typeorm-published-articles';
import { TypeormReactionRepository } from './typeorm-reaction.repository';

@Module({
  providers: [
    { provide: REACTION_REPOSITORY, useClass: TypeormReactionRepository },
    { provide: PUBLISHED_ARTICLES, useClass: TypeormPublishedArticles },
  ],
  exports: [REACTION_REPOSITORY, PUBLISHED_ARTICLES],
})
export class InteractionPersistenceModule {}
