import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginRequest {
  @ApiProperty({ example: 'ada_l', description: 'Username or email address' })
  @IsString()
  @MinLength(1)
  @MaxLength(254)
  login: string;

  @ApiProperty({ example: 'correct-horse-42' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}
