import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PUBLISHED_ARTICLES, PublishedArticles } from '@domain/content/published-articles.port';
import { ARTICLE_STATS, ArticleStatsPort } from '@domain/interaction/article-stats';
import { isUuid } from '@domain/shared/uuid';
import { FOLLOW_REPOSITORY, FollowRepository } from '@domain/social/follow.repository';
import { FeedEntry, mergeFeed } from '@domain/social/following-feed';
import { TIMELINE_REPOSITORY, TimelineRepository } from '@domain/social/timeline.repository';
import { decodeCursor, keysetFetchSize, keysetPage } from '@infra/http/pagination';
import {
  PublicArticlePageResponse,
  PublicArticleResponse,
} from '@modules/shared/dto/public-article.response';
import { ListFollowingFeedQuery } from './list-following-feed.query';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The hybrid feed (docs/social.md): one keyset range of the reader's timeline (fanned out on
 * write) merged with the newest articles of the celebrities the reader follows (pulled on read,
 * one bounded range per celebrity). Neither grows with how many people the reader follows.
 * Then, for the page only: articles no longer published (or republished at another time) and
 * authors no longer followed are left out, even before the asynchronous clean-up removed them,
 * and the cards, counters and the reader's liked/collected come from content and interaction
 * through their ports, as in GET /v1/feed.
 */
@QueryHandler(ListFollowingFeedQuery)
export class ListFollowingFeedHandler implements IQueryHandler<
  ListFollowingFeedQuery,
  PublicArticlePageResponse
> {
  constructor(
    @Inject(TIMELINE_REPOSITORY) private readonly timeline: TimelineRepository,
    @Inject(FOLLOW_REPOSITORY) private readonly follows: FollowRepository,
    @Inject(PUBLISHED_ARTICLES) private readonly published: PublishedArticles,
    @Inject(ARTICLE_STATS) private readonly stats: ArticleStatsPort,
  ) {}

  async execute({
    readerId,
    limit,
    cursor,
  }: ListFollowingFeedQuery): Promise<PublicArticlePageResponse> {
    const position = decodeCursor<{ p: string; id: string }>(
      cursor,
      (v) => typeof v.p === 'string' && ISO.test(v.p) && typeof v.id === 'string' && isUuid(v.id),
    );
    const before = position ? { publishedAt: new Date(position.p), articleId: position.id } : null;
    const size = keysetFetchSize(limit);
    const [pushed, celebrities] = await Promise.all([
      this.timeline.page(readerId, before, size),
      this.follows.celebritiesFollowedBy(readerId),
    ]);
    const pulled: FeedEntry[] =
      celebrities.length === 0
        ? []
        : (
            await this.published.latestByAuthors(
              celebrities,
              before && { publishedAt: before.publishedAt, id: before.articleId },
              size,
            )
          ).map((e) => ({ articleId: e.id, authorId: e.authorId, publishedAt: e.publishedAt }));
    const page = keysetPage(mergeFeed([pushed, pulled], size), limit, (e) => ({
      p: e.publishedAt.toISOString(),
      id: e.articleId,
    }));
    const [followed, cards] = await Promise.all([
      this.follows.followedAmong(
        readerId,
        page.items.map((e) => e.authorId),
      ),
      this.published.cards(page.items.map((e) => e.articleId)),
    ]);
    const visible = page.items.filter((e) => {
      const card = cards.get(e.articleId);
      return (
        card !== undefined &&
        followed.has(e.authorId) &&
        card.publishedAt.getTime() === e.publishedAt.getTime()
      );
    });
    const ids = visible.map((e) => e.articleId);
    const [stats, flags] = await Promise.all([
      this.stats.statsOf(ids),
      this.stats.flagsOf(readerId, ids),
    ]);
    return {
      items: visible.map((e) =>
        PublicArticleResponse.from(
          cards.get(e.articleId)!,
          stats.get(e.articleId)!,
          flags.get(e.articleId),
        ),
      ),
      nextCursor: page.nextCursor,
    };
  }
}
