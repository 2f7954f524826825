import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PUBLISHED_ARTICLES, PublishedArticles } from '@domain/content/published-articles.port';
import { USER_DIRECTORY, UserDirectory } from '@domain/identity/user-directory.port';
import { NotFoundError } from '@domain/shared/domain-error';
import { FOLLOW_REPOSITORY, FollowRepository } from '@domain/social/follow.repository';
import { PublicProfileResponse } from '../../dto/public-profile.response';
import { GetProfileQuery } from './get-profile.query';

/** Identity's public fields, the social counters and content's published count: three point reads. */
@QueryHandler(GetProfileQuery)
export class GetProfileHandler implements IQueryHandler<GetProfileQuery, PublicProfileResponse> {
  constructor(
    @Inject(USER_DIRECTORY) private readonly users: UserDirectory,
    @Inject(FOLLOW_REPOSITORY) private readonly follows: FollowRepository,
    @Inject(PUBLISHED_ARTICLES) private readonly published: PublishedArticles,
  ) {}

  async execute({ userId }: GetProfileQuery): Promise<PublicProfileResponse> {
    const [profile, counts, articles] = await Promise.all([
      this.users.profileOf(userId),
      this.follows.counts(userId),
      this.published.countByAuthor(userId),
    ]);
    if (!profile) throw new NotFoundError('User');
    return {
      id: profile.id,
      username: profile.username,
      nickname: profile.nickname,
      bio: profile.bio,
      followers: counts.followers,
      following: counts.following,
      articles,
    };
  }
}
