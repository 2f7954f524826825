import { ApiProperty } from '@nestjs/swagger';
import type { User } from '@domain/identity/user.aggregate';

export class UserResponse {
  @ApiProperty({ format: 'uuid', example: '0192d7c4-5f1e-7c1a-9b5e-1f2a3b4c5d6e' })
  id: string;
  @ApiProperty({ example: 'ada_l' })
  username: string;
  @ApiProperty({ format: 'email', type: String, nullable: true, example: 'ada@example.com' })
  email: string | null;
  @ApiProperty({ type: String, nullable: true, example: '+4915112345678' })
  phone: string | null;
  @ApiProperty({ example: 'Ada Lovelace' })
  fullName: string;
  @ApiProperty({ type: String, nullable: true })
  nickname: string | null;
  @ApiProperty({ type: String, nullable: true })
  bio: string | null;
  @ApiProperty({
    format: 'date',
    type: String,
    nullable: true,
    example: '1815-12-10',
    description: 'YYYY-MM-DD',
  })
  birthday: string | null;
  @ApiProperty({ enum: ['user', 'admin'] })
  role: 'user' | 'admin';
  @ApiProperty()
  emailVerified: boolean;
  @ApiProperty({ format: 'date-time', example: '2026-11-22T10:00:00.000Z' })
  createdAt: string;

  static from(user: User): UserResponse {
    const u = user.snapshot();
    return {
      id: u.id,
      username: u.username,
      email: u.email,
      phone: u.phone,
      fullName: u.fullName,
      nickname: u.nickname,
      bio: u.bio,
      birthday: u.birthday,
      role: u.role,
      emailVerified: u.emailVerified,
      createdAt: u.createdAt.toISOString(),
    };
  }
}
