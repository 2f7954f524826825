import { Inject, Injectable } from '@nestjs/common';
import { RedisJsonCache } from '@infra/redis/redis-json-cache';
import {
  ArticleRepository,
  ARTICLE_REPOSITORY,
  ArticleSummary,
} from '@domain/content/article.repository';
import {
  PUBLIC_ARTICLE_READER,
  PublicArticleReader,
  PublicArticleView,
} from '@domain/content/public-article';

/** Published versions change only on publish/withdraw (invalidated then); the TTL bounds author nickname changes. */
const PUBLISHED_TTL_SECONDS = 60;
const FIRST_PAGE_TTL_SECONDS = 300;
const SECOND_DELETE_MS = 1000;
/** The largest page a client may ask for, plus one row to know whether a next page exists. */
export const FIRST_PAGE_ROWS = 101;

const publishedKey = (id: string) => `content:published:${id}`;
const firstPageKey = (authorId: string) => `content:author-first-page:${authorId}`;

type Cached<T> = {
  [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K];
};

function reviveSummary(s: Cached<ArticleSummary>): ArticleSummary {
  return {
    ...s,
    createdAt: new Date(s.createdAt),
    updatedAt: new Date(s.updatedAt),
    publishedAt: s.publishedAt === null ? null : new Date(s.publishedAt),
  };
}

function revivePublished(json: unknown): PublicArticleView {
  const v = json as Cached<PublicArticleView>;
  return { ...v, publishedAt: new Date(v.publishedAt) };
}

function reviveFirstPage(json: unknown): ArticleSummary[] {
  return (json as Array<Cached<ArticleSummary>>).map(reviveSummary);
}

/**
 * Redis caches of the content context: the published version of an article (detail view) and
 * the first page of each author's list (the rows of the largest page, any first page is a
 * prefix). Invalidated explicitly after every committed change; any Redis failure falls back
 * to the database, never to an error.
 */
@Injectable()
export class ArticleCache {
  constructor(
    private readonly cache: RedisJsonCache,
    @Inject(PUBLIC_ARTICLE_READER) private readonly reader: PublicArticleReader,
    @Inject(ARTICLE_REPOSITORY) private readonly articles: ArticleRepository,
  ) {}

  async published(id: string): Promise<PublicArticleView | null> {
    const hit = await this.cache.get(publishedKey(id), revivePublished);
    return hit ?? this.loadPublished(id);
  }

  async authorFirstPage(authorId: string): Promise<ArticleSummary[]> {
    const hit = await this.cache.get(firstPageKey(authorId), reviveFirstPage);
    return hit ?? this.loadFirstPage(authorId);
  }

  /**
   * After a publish committed: readers and the author's list are answered from Redis from the
   * first request on. Loading again a moment later overwrites a stale copy a racing reader may
   * have written (see invalidate).
   */
  async refreshAfterPublish(articleId: string, authorId: string): Promise<void> {
    const warm = () =>
      Promise.all([this.loadPublished(articleId), this.loadFirstPage(authorId)]).catch(
        () => undefined,
      );
    await warm();
    setTimeout(() => void warm(), SECOND_DELETE_MS).unref();
  }

  /**
   * Call after the change committed. A reader that loaded the old row just before the commit
   * could write it back after this DEL; the second DEL a moment later removes that copy, so a
   * withdrawn article can't linger in the cache for a whole TTL.
   */
  async invalidate(authorId: string, articleId?: string): Promise<void> {
    const keys = [firstPageKey(authorId), ...(articleId ? [publishedKey(articleId)] : [])];
    await this.cache.delete(...keys);
    setTimeout(() => void this.cache.delete(...keys), SECOND_DELETE_MS).unref();
  }

  private async loadPublished(id: string): Promise<PublicArticleView | null> {
    const view = await this.reader.findPublished(id);
    if (view) await this.cache.set(publishedKey(id), view, PUBLISHED_TTL_SECONDS);
    return view;
  }

  private async loadFirstPage(authorId: string): Promise<ArticleSummary[]> {
    const rows = await this.articles.listByAuthor(authorId, null, FIRST_PAGE_ROWS);
    await this.cache.set(firstPageKey(authorId), rows, FIRST_PAGE_TTL_SECONDS);
    return rows;
  }
}
