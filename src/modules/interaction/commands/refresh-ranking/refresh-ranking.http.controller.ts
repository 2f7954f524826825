import { Controller, HttpCode, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { Roles } from '@infra/http/auth.decorators';
import { RankingResponse } from '@modules/interaction/dto/ranking.response';
import { GetRankingRequest } from '@modules/interaction/queries/get-ranking/get-ranking.request';
import { RefreshRankingCommand } from './refresh-ranking.command';

@ApiTags('ranking')
@ApiBearerAuth()
@Controller('v1/admin/ranking/refresh')
export class RefreshRankingHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    operationId: 'refreshRanking',
    summary: 'Recompute the ranking now (admin only); same body as GET /v1/ranking',
  })
  @ApiOkResponse({ type: RankingResponse, description: 'The ranking, recomputed now' })
  @ApiProblems(400, 401, 403, 503)
  refresh(@Query() query: GetRankingRequest): Promise<RankingResponse> {
    return this.commands.execute(new RefreshRankingCommand(query.limit));
  }
}
