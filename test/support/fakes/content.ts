import {
  ArticleCard,
  AuthoredEntry,
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
