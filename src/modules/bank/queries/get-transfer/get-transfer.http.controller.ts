import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { ParseIdPipe } from '@infra/http/parse-id.pipe';
import { TransferResponse } from '@modules/shared/dto/transfer.response';
import { GetTransferQuery } from './get-transfer.query';

@ApiTags('transfers')
@ApiBearerAuth()
@Controller('v1/transfers/:id')
export class GetTransferHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    operationId: 'getTransfer',
    summary: 'One transfer (owner of either side, or admin)',
  })
  @ApiOkResponse({ type: TransferResponse, description: 'The transfer' })
  @ApiProblems(401, [404, 'NOT_FOUND: missing or not yours'])
  get(
    @CurrentUser() user: Principal,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<TransferResponse> {
    return this.queries.execute(new GetTransferQuery(id, user));
  }
}
