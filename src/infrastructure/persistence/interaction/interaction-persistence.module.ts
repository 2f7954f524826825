import { Module } from '@nestjs/common';
import { COMMENT_POST_COUNTER } from '@domain/interaction/comments/comment-post-counter.port';
import { COMMENT_REPOSITORY } from '@domain/interaction/comments/comment.repository';
import { RANKING_WITHDRAWALS } from '@domain/interaction/ranking-withdrawals.port';
import { REACTION_REPOSITORY } from '@domain/interaction/reaction.repository';
import { RedisCommentPostCounter } from './redis-comment-post.counter';
import { RedisRankingWithdrawals } from './redis-ranking-withdrawals';
import { TypeormCommentRepository } from './typeorm-comment.repository';
import { TypeormReactionRepository } from './typeorm-reaction.repository';

@Module({
  providers: [
    { provide: REACTION_REPOSITORY, useClass: TypeormReactionRepository },
    { provide: RANKING_WITHDRAWALS, useClass: RedisRankingWithdrawals },
    { provide: COMMENT_REPOSITORY, useClass: TypeormCommentRepository },
    { provide: COMMENT_POST_COUNTER, useClass: RedisCommentPostCounter },
  ],
  exports: [REACTION_REPOSITORY, RANKING_WITHDRAWALS, COMMENT_REPOSITORY, COMMENT_POST_COUNTER],
})
export class InteractionPersistenceModule {}
