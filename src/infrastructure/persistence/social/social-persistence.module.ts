import { Module } from '@nestjs/common';
import { FOLLOW_REPOSITORY } from '@domain/social/follow.repository';
import { TIMELINE_REPOSITORY } from '@domain/social/timeline.repository';
import { TypeormFollowRepository } from './typeorm-follow.repository';
import { TypeormTimelineRepository } from './typeorm-timeline.repository';

@Module({
  providers: [
    { provide: FOLLOW_REPOSITORY, useClass: TypeormFollowRepository },
    { provide: TIMELINE_REPOSITORY, useClass: TypeormTimelineRepository },
  ],
  exports: [FOLLOW_REPOSITORY, TIMELINE_REPOSITORY],
})
export class SocialPersistenceModule {}
