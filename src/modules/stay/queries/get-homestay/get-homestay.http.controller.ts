import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { Public } from '@infra/http/auth.decorators';
import { ParseIdPipe } from '@infra/http/parse-id.pipe';
import { HomestayResponse } from '@modules/stay/dto/homestay.response';
import { GetHomestayQuery } from './get-homestay.query';

@ApiTags('homestays')
@Controller('v1/homestays/:id')
export class GetHomestayHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Public()
  @ApiOperation({ operationId: 'getHomestay', summary: 'One homestay' })
  @ApiOkResponse({ type: HomestayResponse, description: 'The homestay' })
  @ApiProblems(404)
  get(@Param('id', ParseIdPipe) id: string): Promise<HomestayResponse> {
    return this.queries.execute(new GetHomestayQuery(id));
  }
}
