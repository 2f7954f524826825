import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Account } from '@domain/bank/account.aggregate';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { AccountResponse } from '@modules/bank/dto/account.response';
import { OpenAccountCommand } from './open-account.command';
import { OpenAccountRequest } from './open-account.request';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('v1/accounts')
export class OpenAccountHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'openAccount',
    summary: 'Open an account in a currency (balance 0)',
  })
  @ApiCreatedResponse({ type: AccountResponse, description: 'The new account' })
  @ApiProblems(400, 401, [409, 'ACCOUNT_EXISTS: you already have an account in this currency'])
  async open(
    @CurrentUser() user: Principal,
    @Body() body: OpenAccountRequest,
  ): Promise<AccountResponse> {
    const account = await this.commands.execute<OpenAccountCommand, Account>(
      new OpenAccountCommand(user.userId, body.currency),
    );
    return AccountResponse.from(account);
  }
}
