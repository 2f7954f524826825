import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Ranking } from '@domain/interaction/ranking';
import { RankingResponse } from '@modules/interaction/dto/ranking.response';
import { RankingService } from '@modules/interaction/ranking/ranking.service';
import { GetRankingQuery } from './get-ranking.query';

/**
 * Served from this process's memory (then Redis, then a computation): see RankingService. The
 * response objects are built once per list and limit, not per request.
 */
@QueryHandler(GetRankingQuery)
export class GetRankingHandler implements IQueryHandler<GetRankingQuery, RankingResponse> {
  private built: { ranking: Ranking; byLimit: Map<number, RankingResponse> } | null = null;

  constructor(private readonly ranking: RankingService) {}

  async execute({ limit }: GetRankingQuery): Promise<RankingResponse> {
    const ranking = await this.ranking.current();
    if (this.built?.ranking !== ranking) this.built = { ranking, byLimit: new Map() };
    let response = this.built.byLimit.get(limit);
    if (!response) {
      response = RankingResponse.from(ranking, limit);
      this.built.byLimit.set(limit, response);
    }
    return response;
  }
}
