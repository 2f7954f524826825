import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Transfer } from '@domain/bank/transfer';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { Roles } from '@infra/http/auth.decorators';
import { Idempotent } from '@infra/http/idempotency/idempotent.decorator';
import { ParseIdPipe } from '@infra/http/parse-id.pipe';
import { TransferResponse } from '@modules/shared/dto/transfer.response';
import { DepositCommand } from './deposit.command';
import { DepositRequest } from './deposit.request';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('v1/accounts/:id/deposits')
export class DepositHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('admin')
  @Idempotent()
  @ApiOperation({
    operationId: 'deposit',
    summary: 'Deposit from the system cash account (admin only)',
  })
  @ApiCreatedResponse({ type: TransferResponse, description: 'The Transfer, kind `deposit`' })
  @ApiProblems(400, 401, 403, 404)
  async deposit(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: DepositRequest,
  ): Promise<TransferResponse> {
    const transfer = await this.commands.execute<DepositCommand, Transfer>(
      new DepositCommand(id, body.amount),
    );
    return TransferResponse.from(transfer);
  }
}
