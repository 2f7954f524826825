import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Transfer } from '@domain/bank/transfer';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { Idempotent } from '@infra/http/idempotency/idempotent.decorator';
import { ParseIdPipe } from '@infra/http/parse-id.pipe';
import { TransferResponse } from '@modules/shared/dto/transfer.response';
import { RewardAuthorCommand } from './reward-author.command';
import { RewardAuthorRequest } from './reward-author.request';

@ApiTags('feed')
@ApiBearerAuth()
@Controller('v1/feed/:id/rewards')
export class RewardAuthorHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Idempotent()
  @ApiOperation({
    operationId: 'rewardAuthor',
    summary: "Send money from one of your accounts to the author's account of the same currency",
  })
  @ApiCreatedResponse({ type: TransferResponse, description: 'The Transfer, kind `reward`' })
  @ApiProblems(
    400,
    401,
    [404, 'NOT_FOUND: no such published article, or fromAccountId is not yours'],
    [
      422,
      'RECIPIENT_HAS_NO_ACCOUNT / CANNOT_REWARD_SELF / INSUFFICIENT_FUNDS / IDEMPOTENCY_KEY_REUSED',
    ],
  )
  async reward(
    @CurrentUser() user: Principal,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: RewardAuthorRequest,
  ): Promise<TransferResponse> {
    const transfer = await this.commands.execute<RewardAuthorCommand, Transfer>(
      new RewardAuthorCommand(user.userId, id, body.fromAccountId.toLowerCase(), body.amount),
    );
    return TransferResponse.from(transfer);
  }
}
