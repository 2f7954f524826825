import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class RegisterUserRequest {
  @ApiProperty({ example: 'ada_l', pattern: '^[a-z0-9_]{3,32}$' })
  @IsString()
  @MaxLength(32)
  username: string;

  @ApiProperty({ format: 'email', example: 'ada@example.com', description: 'Stored lower-case' })
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty({
    example: 'correct-horse-42',
    description: '8-72 bytes, at least one letter and one digit',
  })
  @IsString()
  @MaxLength(200)
  password: string;

  @ApiProperty({ example: 'Ada Lovelace', minLength: 1, maxLength: 100 })
  @IsString()
  @MaxLength(200)
  fullName: string;
}
