import { Body, Controller, Param, Patch } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Homestay } from '@domain/stay/homestay.aggregate';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { ParseIdPipe } from '@infra/http/parse-id.pipe';
import { HomestayResponse } from '@modules/stay/dto/homestay.response';
import { UpdateHomestayCommand } from './update-homestay.command';
import { UpdateHomestayRequest } from './update-homestay.request';

@ApiTags('homestays')
@ApiBearerAuth()
@Controller('v1/homestays/:id')
export class UpdateHomestayHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Patch()
  @ApiOperation({
    operationId: 'updateHomestay',
    summary: 'Edit your homestay (any of its fields); existing orders keep their price',
  })
  @ApiOkResponse({ type: HomestayResponse, description: 'The updated homestay' })
  @ApiProblems(
    400,
    401,
    [404, 'NOT_FOUND: missing or not your homestay'],
    [422, 'RECIPIENT_HAS_NO_ACCOUNT: you have no account in the new currency'],
  )
  async update(
    @CurrentUser() user: Principal,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateHomestayRequest,
  ): Promise<HomestayResponse> {
    const homestay = await this.commands.execute<UpdateHomestayCommand, Homestay>(
      new UpdateHomestayCommand(user.userId, id, { ...body }),
    );
    return HomestayResponse.from(homestay);
  }
}
