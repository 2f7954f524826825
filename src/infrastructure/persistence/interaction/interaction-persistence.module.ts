import { Module } from '@nestjs/common';
import { PUBLISHED_ARTICLES } from '../../../domain/interaction/published-articles.port';
import { RANKING_WITHDRAWALS } from '../../../domain/interaction/ranking-withdrawals.port';
import { REACTION_REPOSITORY } from '../../../domain/interaction/reaction.repository';
import { RedisRankingWithdrawals } from './redis-ranking-withdrawals';
import { TypeormPublishedArticles } from './typeorm-published-articles';
import { TypeormReactionRepository } from './typeorm-reaction.repository';

@Module({
  providers: [
    { provide: REACTION_REPOSITORY, useClass: TypeormReactionRepository },
    { provide: PUBLISHED_ARTICLES, useClass: TypeormPublishedArticles },
    { provide: RANKING_WITHDRAWALS, useClass: RedisRankingWithdrawals },
  ],
  exports: [REACTION_REPOSITORY, PUBLISHED_ARTICLES, RANKING_WITHDRAWALS],
})
export class InteractionPersistenceModule {}
