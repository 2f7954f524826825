import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { Public } from '@infra/http/auth.decorators';
import { ParseIdPipe } from '@infra/http/parse-id.pipe';
import { PublicProfileResponse } from '../../dto/public-profile.response';
import { GetProfileQuery } from './get-profile.query';

// `/v1/users/me` (identity) is a static route and wins over this parametric one; an id that is
// not a UUID never reaches the handler (404).
@ApiTags('social')
@Controller('v1/users/:id')
export class GetProfileHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Public()
  @ApiOperation({
    operationId: 'getPublicProfile',
    summary: "A user's public profile with follower, following and published-article counts",
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: PublicProfileResponse, description: 'The public profile' })
  @ApiProblems(404)
  get(@Param('id', ParseIdPipe) id: string): Promise<PublicProfileResponse> {
    return this.queries.execute(new GetProfileQuery(id));
  }
}
