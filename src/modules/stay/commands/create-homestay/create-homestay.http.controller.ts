import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Homestay } from '@domain/stay/homestay.aggregate';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { HomestayResponse } from '@modules/stay/dto/homestay.response';
import { CreateHomestayCommand } from './create-homestay.command';
import { CreateHomestayRequest } from './create-homestay.request';

@ApiTags('homestays')
@ApiBearerAuth()
@Controller('v1/homestays')
export class CreateHomestayHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ operationId: 'createHomestay', summary: 'List a homestay; you are its host' })
  @ApiCreatedResponse({ type: HomestayResponse, description: 'The new homestay' })
  @ApiProblems(400, 401, [422, 'RECIPIENT_HAS_NO_ACCOUNT: you have no account in this currency'])
  async create(
    @CurrentUser() user: Principal,
    @Body() body: CreateHomestayRequest,
  ): Promise<HomestayResponse> {
    const homestay = await this.commands.execute<CreateHomestayCommand, Homestay>(
      new CreateHomestayCommand(user.userId, { ...body }),
    );
    return HomestayResponse.from(homestay);
  }
}
