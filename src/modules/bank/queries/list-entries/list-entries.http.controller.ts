import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { PageQuery } from '@infra/http/pagination';
import { ParseIdPipe } from '@infra/http/parse-id.pipe';
import { EntryPageResponse } from './entry.response';
import { ListEntriesQuery } from './list-entries.query';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('v1/accounts/:id/entries')
export class ListEntriesHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    operationId: 'listEntries',
    summary: 'Ledger entries of an account, newest first, with balanceAfter',
  })
  @ApiOkResponse({
    type: EntryPageResponse,
    description: "A page of the account's entries, newest first",
  })
  @ApiProblems(400, 401, [404, 'NOT_FOUND: missing or not yours'])
  list(
    @CurrentUser() user: Principal,
    @Param('id', ParseIdPipe) id: string,
    @Query() page: PageQuery,
  ): Promise<EntryPageResponse> {
    return this.queries.execute(new ListEntriesQuery(id, user, page.limit, page.cursor));
  }
}
