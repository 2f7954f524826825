import { Inject, Injectable } from '@nestjs/common';
import {
  ARTICLE_READS_RECORDED,
  readCountsOf,
} from '@domain/interaction/events/article-reads-recorded.event';
import { REACTION_REPOSITORY, ReactionRepository } from '@domain/interaction/reaction.repository';
import { DomainEvent, DomainEventHandler } from '@domain/shared/domain-event';
import { EventSubscriber } from '@infra/queue/event-subscriber.decorator';
import { ArticleStatsService } from '../article-stats.service';

/**
 * Applies one process's batch of reads in ONE statement (INSERT ... ON DUPLICATE KEY UPDATE
 * reads = reads + n), inside the relay's transaction with the dedupe mark: redelivery never
 * counts a batch twice.
 */
@Injectable()
@EventSubscriber({ name: 'interaction.apply-reads', on: [ARTICLE_READS_RECORDED] })
export class ApplyReadsSubscriber implements DomainEventHandler {
  constructor(
    @Inject(REACTION_REPOSITORY) private readonly reactions: ReactionRepository,
    private readonly stats: ArticleStatsService,
  ) {}

  async handle(event: DomainEvent): Promise<void> {
    const counts = readCountsOf(event);
    await this.reactions.addReads(counts);
    await this.stats.invalidate(Object.keys(counts));
  }
}
