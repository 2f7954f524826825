import { ApiProperty } from '@nestjs/swagger';
import { ArticleAuthorResponse } from '@modules/shared/dto/public-article.response';

/** One row of a followers/following list: the other user and when the follow started. */
export class FollowEntryResponse {
  @ApiProperty({ type: ArticleAuthorResponse, description: '`{id, username, nickname}`' })
  user: ArticleAuthorResponse;
  @ApiProperty({ format: 'date-time' })
  since: string;
}

export class FollowEntryPageResponse {
  @ApiProperty({ type: [FollowEntryResponse] })
  items: FollowEntryResponse[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
