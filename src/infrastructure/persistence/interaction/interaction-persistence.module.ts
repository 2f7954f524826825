import { Module } from '@nestjs/common';
import { RANKING_WITHDRAWALS } from '@domain/interaction/ranking-withdrawals.port';
import { REACTION_REPOSITORY } from '@domain/interaction/reaction.repository';
import { RedisRankingWithdrawals } from './redis-ranking-withdrawals';
import { TypeormReactionRepository } from './typeorm-reaction.repository';

@Module({
  providers: [
    { provide: REACTION_REPOSITORY, useClass: TypeormReactionRepository },
    { provide: RANKING_WITHDRAWALS, useClass: RedisRankingWithdrawals },
  ],
  exports: [REACTION_REPOSITORY, RANKING_WITHDRAWALS],
})
export class InteractionPersistenceModule {}
