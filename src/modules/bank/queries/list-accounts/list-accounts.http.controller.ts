import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { AccountListResponse } from '@modules/bank/dto/account.response';
import { ListAccountsQuery } from './list-accounts.query';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('v1/accounts')
export class ListAccountsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    operationId: 'listAccounts',
    summary: 'Your accounts',
    description:
      'All of them in one answer (at most one per currency). Unlike the other lists it takes no ' +
      '`limit` or `cursor` (query parameters are ignored), and `nextCursor` is always null.',
  })
  @ApiOkResponse({
    type: AccountListResponse,
    description:
      'All your accounts (at most one per currency), in one page: nextCursor is always null',
  })
  @ApiProblems(401)
  list(@CurrentUser() user: Principal): Promise<AccountListResponse> {
    return this.queries.execute(new ListAccountsQuery(user.userId));
  }
}
