import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import {
  ARTICLE_READS_RECORDED,
  readCountsOf,
} from '../../../domain/interaction/events/article-reads-recorded.event';
import {
  REACTION_REPOSITORY,
  ReactionRepository,
} from '../../../domain/interaction/reaction.repository';
import {
  DomainEvent,
  EVENT_SUBSCRIPTIONS,
  EventSubscriber,
  EventSubscriptions,
} from '../../../domain/shared/domain-event';
import { ArticleStatsService } from '../article-stats.service';

/**
 * Applies one process's batch of reads in ONE statement (INSERT ... ON DUPLICATE KEY UPDATE
 * reads = reads + n), inside the relay's transaction with the dedupe mark: redelivery never
 * counts a batch twice.
 */
@Injectable()
export class ApplyReadsSubscriber implements EventSubscriber, OnModuleInit {
  readonly name = 'interaction.apply-reads';
  readonly eventTypes = [ARTICLE_READS_RECORDED];

  constructor(
    @Inject(EVENT_SUBSCRIPTIONS) private readonly subscriptions: EventSubscriptions,
    @Inject(REACTION_REPOSITORY) private readonly reactions: ReactionRepository,
    private readonly stats: ArticleStatsService,
  ) {}

  onModuleInit(): void {
    this.subscriptions.register(this);
  }

  async handle(event: DomainEvent): Promise<void> {
    const counts = readCountsOf(event);
    await this.reactions.addReads(counts);
    await this.stats.invalidate(Object.keys(counts));
  }
}
