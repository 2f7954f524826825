import { ApiProperty } from '@nestjs/swagger';

/** API.md `PublicProfile`: what anyone may see of a user. Never email, phone, fullName or role. */
export class PublicProfileResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  username: string;
  @ApiProperty({ type: String, nullable: true })
  nickname: string | null;
  @ApiProperty({ type: String, nullable: true })
  bio: string | null;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Users following this user (exact)' })
  followers: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Users this user follows (exact)' })
  following: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Articles published (visible now)' })
  articles: number;
}
