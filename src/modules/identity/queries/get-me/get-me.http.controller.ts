import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { CurrentUser, Principal } from '@infra/http/auth.decorators';
import { UserResponse } from '@modules/identity/dto/user.response';
import { GetMeQuery } from './get-me.query';

@ApiTags('users')
@ApiBearerAuth()
@Controller('v1/users/me')
export class GetMeHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ operationId: 'getMe', summary: 'Your profile' })
  @ApiOkResponse({ type: UserResponse, description: 'The signed-in user' })
  @ApiProblems(401)
  me(@CurrentUser() user: Principal): Promise<UserResponse> {
    return this.queries.execute(new GetMeQuery(user.userId));
  }
}
