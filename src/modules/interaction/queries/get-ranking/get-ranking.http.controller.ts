import { Controller, Get, Header, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { Public } from '@infra/http/auth.decorators';
import { RankingResponse } from '@modules/interaction/dto/ranking.response';
import { GetRankingQuery } from './get-ranking.query';
import { GetRankingRequest } from './get-ranking.request';

@ApiTags('ranking')
@Controller('v1/ranking')
export class GetRankingHttpController {
  /** The handler returns one response object per list and limit; its JSON is built once too. */
  private readonly serialized = new WeakMap<RankingResponse, string>();

  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Public()
  @ApiOperation({
    operationId: 'getRanking',
    summary: 'Hot articles, highest score first (recomputed on a schedule, cached)',
  })
  @ApiOkResponse({
    type: RankingResponse,
    description: 'The hot articles, at most `limit`, highest score first',
  })
  @ApiProblems(400, [503, 'DEPENDENCY_UNAVAILABLE: nothing computed yet and the database is down'])
  @Header('Content-Type', 'application/json; charset=utf-8')
  async get(@Query() query: GetRankingRequest): Promise<string> {
    const response = await this.queries.execute<GetRankingQuery, RankingResponse>(
      new GetRankingQuery(query.limit),
    );
    let json = this.serialized.get(response);
    if (json === undefined) {
      json = JSON.stringify(response);
      this.serialized.set(response, json);
    }
    return json;
  }
}
