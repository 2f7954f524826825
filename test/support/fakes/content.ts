import {
  ArticleCard,
  AuthoredEntry,
  ArticleIndexSource,
  PublishedArticleRef,
  PublishedArticles,
  PublishedEntry,
} from '@domain/content/published-articles.port';

/** The content context's public store as other contexts see it (PUBLISHED_ARTICLES). */
export class InMemoryPublishedArticles implements PublishedArticles {
  private readonly published = new Map<string, ArticleCard>();
  /** Every scanPublished call: [afterId, limit]. */
  readonly scans: Array<[string | null, number]> = [];
  /** Every cards call: the ids asked. */
  readonly cardRequests: string[][] = [];

  publish(card: ArticleCard): void {
    this.published.set(card.id, card);
  }

  withdraw(id: string): void {
    this.published.delete(id);
    this.versions.set(id, (this.versions.get(id) ?? 0) + 1);
  }

  /** Each article's version (as `updatedAt` in ms would be): bumped by publish and withdraw. */
  readonly versions = new Map<string, number>();
  /** The full text of published articles (cards hold only the abstract). */
  readonly contents = new Map<string, string>();

  /** Publishes `card` with its full `content` as a new version (a publish of the article). */
  publishWithContent(card: ArticleCard, content: string): void {
    this.publish(card);
    this.contents.set(card.id, content);
    this.versions.set(card.id, (this.versions.get(card.id) ?? 0) + 1);
  }

  async holdPublished(id: string): Promise<PublishedArticleRef | null> {
    const card = this.published.get(id);
    return card ? { id, authorId: card.author.id } : null;
  }

  async cards(ids: readonly string[]): Promise<Map<string, ArticleCard>> {
    this.cardRequests.push([...ids]);
    const out = new Map<string, ArticleCard>();
    for (const id of ids) {
      const card = this.published.get(id);
      if (card) out.set(id, card);
    }
    return out;
  }

  async indexSources(ids: readonly string[]): Promise<Map<string, ArticleIndexSource>> {
    const out = new Map<string, ArticleIndexSource>();
    for (const id of ids) {
      const version = this.versions.get(id);
      const card = this.published.get(id);
      if (version === undefined && !card) continue;
      out.set(id, {
        id,
        version: version ?? 0,
        published: card
          ? {
              authorId: card.author.id,
              title: card.title,
              content: this.contents.get(id) ?? card.abstract,
              publishedAt: card.publishedAt,
            }
          : null,
      });
    }
    return out;
  }

  async scanPublished(afterId: string | null, limit: number): Promise<PublishedEntry[]> {
    this.scans.push([afterId, limit]);
    return [...this.published.values()]
      .filter((c) => afterId === null || c.id > afterId)
      .sort((a, b) => a.id.localeCompare(b.id))
      .slice(0, limit)
      .map((c) => ({ id: c.id, publishedAt: c.publishedAt }));
  }

  async countByAuthor(authorId: string): Promise<number> {
    return [...this.published.values()].filter((c) => c.author.id === authorId).length;
  }

  async latestByAuthors(
    authorIds: readonly string[],
    before: { publishedAt: Date; id: string } | null,
    limitPerAuthor: number,
  ): Promise<AuthoredEntry[]> {
    const newestFirst = (a: ArticleCard, b: ArticleCard) =>
      b.publishedAt.getTime() - a.publishedAt.getTime() || b.id.localeCompare(a.id);
    const isBefore = (c: ArticleCard) =>
      !before ||
      c.publishedAt < before.publishedAt ||
      (c.publishedAt.getTime() === before.publishedAt.getTime() && c.id < before.id);
    return authorIds.flatMap((authorId) =>
      [...this.published.values()]
        .filter((c) => c.author.id === authorId && isBefore(c))
        .sort(newestFirst)
        .slice(0, limitPerAuthor)
        .map((c) => ({ id: c.id, authorId, publishedAt: c.publishedAt })),
    );
  }
}
