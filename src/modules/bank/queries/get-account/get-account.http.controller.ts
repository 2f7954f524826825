import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { ParseIdPipe } from '@infra/http/parse-id.pipe';
import { AccountResponse } from '@modules/bank/dto/account.response';
import { GetAccountQuery } from './get-account.query';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('v1/accounts/:id')
export class GetAccountHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ operationId: 'getAccount', summary: 'One account (owner or admin)' })
  @ApiOkResponse({ type: AccountResponse, description: 'The account' })
  @ApiProblems(401, [404, 'NOT_FOUND: missing or not yours'])
  get(
    @CurrentUser() user: Principal,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<AccountResponse> {
    return this.queries.execute(new GetAccountQuery(id, user));
  }
}
