import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { User } from '@domain/identity/user.aggregate';
import { ApiProblems } from '@infra/http/api-problems.decorator';
import { Public } from '@infra/http/auth.decorators';
import { UserResponse } from '@modules/identity/dto/user.response';
import { RegisterUserCommand } from './register-user.command';
import { RegisterUserRequest } from './register-user.request';

@ApiTags('users')
@Controller('v1/users')
export class RegisterUserHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Public()
  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'registerUser',
    summary: 'Register an account (a verification email follows)',
  })
  @ApiCreatedResponse({ type: UserResponse, description: 'The registered user' })
  @ApiProblems(400, [409, 'USERNAME_TAKEN / EMAIL_TAKEN'], 413, 415, 429)
  async register(@Body() body: RegisterUserRequest): Promise<UserResponse> {
    const user = await this.commands.execute<RegisterUserCommand, User>(
      new RegisterUserCommand(body.username, body.email, body.password, body.fullName),
    );
    return UserResponse.from(user);
  }
}
