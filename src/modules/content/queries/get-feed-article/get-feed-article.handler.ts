import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  ARTICLE_STATS,
  ArticleStatsPort,
  READ_RECORDER,
  ReadRecorder,
} from '@domain/interaction/article-stats';
import { NotFoundError } from '@domain/shared/domain-error';
import { PublicArticleResponse } from '@modules/shared/dto/public-article.response';
import { ArticleCache } from '@modules/content/article-cache';
import { GetFeedArticleQuery } from './get-feed-article.query';

/**
 * The hot read path: the published version and its counters come from Redis in one round
 * trip (auto-pipelined), the reader's flags only with a token, and the read is counted in
 * memory (batched to the database, see ReadBuffer).
 */
@QueryHandler(GetFeedArticleQuery)
export class GetFeedArticleHandler implements IQueryHandler<
  GetFeedArticleQuery,
  PublicArticleResponse
> {
  constructor(
    private readonly cache: ArticleCache,
    @Inject(ARTICLE_STATS) private readonly stats: ArticleStatsPort,
    @Inject(READ_RECORDER) private readonly reads: ReadRecorder,
  ) {}

  async execute({ articleId, viewerId }: GetFeedArticleQuery): Promise<PublicArticleResponse> {
    const [article, stats, flags] = await Promise.all([
      this.cache.published(articleId),
      this.stats.statsOf([articleId]),
      viewerId ? this.stats.flagsOf(viewerId, [articleId]) : undefined,
    ]);
    if (!article) throw new NotFoundError('Article');
    this.reads.record(articleId);
    return PublicArticleResponse.from(article, stats.get(articleId)!, flags?.get(articleId));
  }
}
