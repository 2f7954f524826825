import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PUBLISHED_ARTICLES, PublishedArticles } from '@domain/content/published-articles.port';
import { REACTION_REPOSITORY, ReactionRepository } from '@domain/interaction/reaction.repository';
import { isUuid } from '@domain/shared/uuid';
import { decodeCursor, keysetFetchSize, keysetPage } from '@infra/http/pagination';
import { ArticleStatsService } from '@modules/interaction/article-stats.service';
import {
  PublicArticlePageResponse,
  PublicArticleResponse,
} from '@modules/shared/dto/public-article.response';
import { collectedPublished } from './collected-published';
import { ListCollectionsQuery } from './list-collections.query';

/**
 * Newest collected first, keyset on the collection's UUIDv7 id. Articles withdrawn since they
 * were collected are left out (see collectedPublished).
 */
@QueryHandler(ListCollectionsQuery)
export class ListCollectionsHandler implements IQueryHandler<
  ListCollectionsQuery,
  PublicArticlePageResponse
> {
  constructor(
    @Inject(PUBLISHED_ARTICLES) private readonly articles: PublishedArticles,
    @Inject(REACTION_REPOSITORY) private readonly reactions: ReactionRepository,
    private readonly stats: ArticleStatsService,
  ) {}

  async execute({
    userId,
    limit,
    cursor,
  }: ListCollectionsQuery): Promise<PublicArticlePageResponse> {
    const position = decodeCursor<{ c: string }>(
      cursor,
      (v) => typeof v.c === 'string' && isUuid(v.c),
    );
    const rows = await collectedPublished(
      this.reactions,
      this.articles,
      userId,
      position?.c ?? null,
      keysetFetchSize(limit),
    );
    const { items, nextCursor } = keysetPage(rows, limit, (r) => ({ c: r.collectionId }));
    const ids = items.map((r) => r.card.id);
    const [stats, flags] = await Promise.all([
      this.stats.statsOf(ids),
      this.stats.flagsOf(userId, ids),
    ]);
    return {
      items: items.map((r) =>
        PublicArticleResponse.from(r.card, stats.get(r.card.id)!, flags.get(r.card.id)),
      ),
      nextCursor,
    };
  }
}
