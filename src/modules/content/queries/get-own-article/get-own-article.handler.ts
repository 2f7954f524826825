import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ArticleSnapshot } from '@domain/content/article.aggregate';
import { ARTICLE_REPOSITORY, ArticleRepository } from '@domain/content/article.repository';
import { NotFoundError } from '@domain/shared/domain-error';
import { GetOwnArticleQuery } from './get-own-article.query';

/** Drafts are private: anyone but the author gets the same 404 as for a missing article. */
@QueryHandler(GetOwnArticleQuery)
export class GetOwnArticleHandler implements IQueryHandler<GetOwnArticleQuery, ArticleSnapshot> {
  constructor(@Inject(ARTICLE_REPOSITORY) private readonly articles: ArticleRepository) {}

  async execute({ actorId, articleId }: GetOwnArticleQuery): Promise<ArticleSnapshot> {
    const article = await this.articles.findById(articleId);
    if (!article || !article.isOwnedBy(actorId)) throw new NotFoundError('Article');
    return article.snapshot();
  }
}
