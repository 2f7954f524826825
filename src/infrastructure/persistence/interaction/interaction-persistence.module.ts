import { Module } from '@nestjs/common';
import { REACTION_REPOSITORY } from '../../../domain/interaction/reaction.repository';
import { TypeormReactionRepository } from './typeorm-reaction.repository';

@Module({
  providers: [{ provide: REACTION_REPOSITORY, useClass: TypeormReactionRepository }],
  exports: [REACTION_REPOSITORY],
})
export class InteractionPersistenceModule {}
