import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { Public } from '@infra/http/auth.decorators';
import { HomestayPageResponse } from '@modules/stay/dto/homestay.response';
import { ListHomestaysQuery } from './list-homestays.query';
import { ListHomestaysRequest } from './list-homestays.request';

@ApiTags('homestays')
@Controller('v1/homestays')
export class ListHomestaysHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Public()
  @ApiOperation({
    operationId: 'listHomestays',
    summary: 'Homestays, newest first, optionally of one city',
  })
  @ApiOkResponse({ type: HomestayPageResponse, description: 'A page of homestays' })
  @ApiProblems(400)
  list(@Query() query: ListHomestaysRequest): Promise<HomestayPageResponse> {
    return this.queries.execute(new ListHomestaysQuery(query.city, query.limit, query.cursor));
  }
}
