import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../../../infrastructure/http/api-problems.decorator';
import { CurrentUser, Principal } from '../../../../infrastructure/http/auth.decorators';
import { AccountListResponse } from '../../dto/account.response';
import { ListAccountsQuery } from './list-accounts.query';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('v1/accounts')
export class ListAccountsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ operationId: 'listAccounts', summary: 'Your accounts' })
  @ApiOkResponse({ type: AccountListResponse })
  @ApiProblems(401)
  list(@CurrentUser() user: Principal): Promise<AccountListResponse> {
    return this.queries.execute(new ListAccountsQuery(user.userId));
  }
}
