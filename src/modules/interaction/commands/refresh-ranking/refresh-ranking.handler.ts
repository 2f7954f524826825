import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RankingResponse } from '@modules/interaction/dto/ranking.response';
import { RankingService } from '@modules/interaction/ranking/ranking.service';
import { RefreshRankingCommand } from './refresh-ranking.command';

/** Recomputes synchronously (no lock: the computation is read-only and its result idempotent). */
@CommandHandler(RefreshRankingCommand)
export class RefreshRankingHandler implements ICommandHandler<
  RefreshRankingCommand,
  RankingResponse
> {
  constructor(private readonly ranking: RankingService) {}

  async execute({ limit }: RefreshRankingCommand): Promise<RankingResponse> {
    return RankingResponse.from(await this.ranking.refresh(), limit);
  }
}
