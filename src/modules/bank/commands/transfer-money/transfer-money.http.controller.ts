import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Transfer } from '@domain/bank/transfer';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { Idempotent } from '@infra/http/idempotency/idempotent.decorator';
import { TransferResponse } from '@modules/shared/dto/transfer.response';
import { TransferMoneyCommand } from './transfer-money.command';
import { TransferMoneyRequest } from './transfer-money.request';

@ApiTags('transfers')
@ApiBearerAuth()
@Controller('v1/transfers')
export class TransferMoneyHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Idempotent()
  @ApiOperation({
    operationId: 'transferMoney',
    summary: 'Move money from one of your accounts to any account of the same currency',
  })
  @ApiCreatedResponse({ type: TransferResponse, description: 'The Transfer, kind `transfer`' })
  @ApiProblems(
    400,
    401,
    [404, 'NOT_FOUND: fromAccountId is not yours, or toAccountId does not exist'],
    [422, 'INSUFFICIENT_FUNDS / CURRENCY_MISMATCH / SAME_ACCOUNT / IDEMPOTENCY_KEY_REUSED'],
  )
  async transfer(
    @CurrentUser() user: Principal,
    @Body() body: TransferMoneyRequest,
  ): Promise<TransferResponse> {
    const transfer = await this.commands.execute<TransferMoneyCommand, Transfer>(
      new TransferMoneyCommand(
        user.userId,
        body.fromAccountId.toLowerCase(),
        body.toAccountId.toLowerCase(),
        body.amount,
        body.currency,
        body.note ?? null,
      ),
    );
    return TransferResponse.from(transfer);
  }
}
