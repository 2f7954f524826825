import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PUBLIC_ARTICLE_READER, PublicArticleReader } from '@domain/content/public-article';
import { ARTICLE_STATS, ArticleStatsPort } from '@domain/interaction/article-stats';
import { isUuid } from '@domain/shared/uuid';
import { decodeCursor, keysetFetchSize, keysetPage } from '@infra/http/pagination';
import {
  PublicArticlePageResponse,
  PublicArticleResponse,
} from '@modules/shared/dto/public-article.response';
import { ListFeedQuery } from './list-feed.query';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Newest published first, keyset on (published_at, id) of the public store; counters from the interaction context. */
@QueryHandler(ListFeedQuery)
export class ListFeedHandler implements IQueryHandler<ListFeedQuery, PublicArticlePageResponse> {
  constructor(
    @Inject(PUBLIC_ARTICLE_READER) private readonly reader: PublicArticleReader,
    @Inject(ARTICLE_STATS) private readonly stats: ArticleStatsPort,
  ) {}

  async execute({ limit, cursor }: ListFeedQuery): Promise<PublicArticlePageResponse> {
    const position = decodeCursor<{ p: string; id: string }>(
      cursor,
      (v) => typeof v.p === 'string' && ISO.test(v.p) && typeof v.id === 'string' && isUuid(v.id),
    );
    const rows = await this.reader.listFeed(
      position ? { publishedAt: new Date(position.p), id: position.id } : null,
      keysetFetchSize(limit),
    );
    const { items, nextCursor } = keysetPage(rows, limit, (a) => ({
      p: a.publishedAt.toISOString(),
      id: a.id,
    }));
    const stats = await this.stats.statsOf(items.map((a) => a.id));
    return {
      items: items.map((a) => PublicArticleResponse.from(a, stats.get(a.id)!)),
      nextCursor,
    };
  }
}
