import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PUBLISHED_ARTICLES, PublishedArticles } from '@domain/content/published-articles.port';
import { ARTICLE_STATS, ArticleStatsPort } from '@domain/interaction/article-stats';
import { ARTICLE_SEARCH_INDEX, ArticleSearchIndex } from '@domain/search/article-search-index.port';
import { searchTermsOf } from '@domain/search/search-terms';
import { keysetFetchSize, keysetPage } from '@infra/http/pagination';
import { PublicArticleResponse } from '@modules/shared/dto/public-article.response';
import { SearchArticlesQuery } from './search-articles.query';
import { SearchArticlesPageResponse } from './search-articles.response';
import { decodeSearchCursor, searchCursorPosition } from './search-cursor';

/**
 * Relevance first, keyset on (score, id). The hits come from the index; the cards come from
 * content's public store (PUBLISHED_ARTICLES, the primary), which has no withdrawn article: a hit
 * the index still holds for a withdrawn article (an event not yet applied) is left out, so a
 * withdrawn article never appears whatever the index's lag, and the title and author shown are
 * always the current ones. Counters from interaction, as in the feed.
 */
@QueryHandler(SearchArticlesQuery)
export class SearchArticlesHandler implements IQueryHandler<
  SearchArticlesQuery,
  SearchArticlesPageResponse
> {
  constructor(
    @Inject(ARTICLE_SEARCH_INDEX) private readonly index: ArticleSearchIndex,
    @Inject(PUBLISHED_ARTICLES) private readonly articles: PublishedArticles,
    @Inject(ARTICLE_STATS) private readonly stats: ArticleStatsPort,
  ) {}

  async execute({ q, limit, cursor }: SearchArticlesQuery): Promise<SearchArticlesPageResponse> {
    const after = decodeSearchCursor(cursor);
    const terms = searchTermsOf(q);
    if (terms.length === 0) return { items: [], nextCursor: null };
    const hits = await this.index.search(terms, after, keysetFetchSize(limit));
    // The cursor is the last hit read, shown or not: a hidden hit never repeats or ends a list.
    const page = keysetPage(hits, limit, searchCursorPosition);
    const cards = await this.articles.cards(page.items.map((h) => h.articleId));
    const shown = page.items.filter((h) => cards.has(h.articleId));
    const stats = await this.stats.statsOf(shown.map((h) => h.articleId));
    return {
      items: shown.map((h) => ({
        article: PublicArticleResponse.from(cards.get(h.articleId)!, stats.get(h.articleId)!),
        score: Number(h.score),
      })),
      nextCursor: page.nextCursor,
    };
  }
}
