import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ARTICLE_REPOSITORY, ArticleRepository } from '@domain/content/article.repository';
import { isUuid } from '@domain/shared/uuid';
import { decodeCursor, keysetFetchSize, keysetPage } from '@infra/http/pagination';
import { ArticleCache } from '@modules/content/article-cache';
import {
  AuthorArticlePageResponse,
  AuthorArticleResponse,
} from '@modules/content/dto/author-article.response';
import { ListOwnArticlesQuery } from './list-own-articles.query';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Newest edit first, keyset on (updated_at, id). The first page comes from the Redis cache. */
@QueryHandler(ListOwnArticlesQuery)
export class ListOwnArticlesHandler implements IQueryHandler<
  ListOwnArticlesQuery,
  AuthorArticlePageResponse
> {
  constructor(
    @Inject(ARTICLE_REPOSITORY) private readonly articles: ArticleRepository,
    private readonly cache: ArticleCache,
  ) {}

  async execute({
    authorId,
    limit,
    cursor,
  }: ListOwnArticlesQuery): Promise<AuthorArticlePageResponse> {
    const position = decodeCursor<{ u: string; id: string }>(
      cursor,
      (v) => typeof v.u === 'string' && ISO.test(v.u) && typeof v.id === 'string' && isUuid(v.id),
    );
    const rows = position
      ? await this.articles.listByAuthor(
          authorId,
          { updatedAt: new Date(position.u), id: position.id },
          keysetFetchSize(limit),
        )
      : (await this.cache.authorFirstPage(authorId)).slice(0, keysetFetchSize(limit));
    return keysetPage(
      rows,
      limit,
      (a) => ({ u: a.updatedAt.toISOString(), id: a.id }),
      (a) => AuthorArticleResponse.summary(a),
    );
  }
}
