import { ArticleStats, ViewerFlags } from '../../../src/domain/interaction/article-stats';
import {
  ArticleCard,
  PublishedArticleRef,
  PublishedArticles,
  RankingCandidate,
} from '../../../src/domain/interaction/published-articles.port';
import { Reaction, ReactionRepository } from '../../../src/domain/interaction/reaction.repository';

/** Likes, collections and read counters (article_stats and the reaction rows). */
export class InMemoryReactionRepository implements ReactionRepository {
  private readonly rows = new Map<string, { userId: string; articleId: string; at: Date }>();
  private readonly reads = new Map<string, number>();

  async add(reaction: Reaction, userId: string, articleId: string, now: Date): Promise<boolean> {
    const key = `${reaction}:${userId}:${articleId}`;
    if (this.rows.has(key)) return false;
    this.rows.set(key, { userId, articleId, at: now });
    return true;
  }

  async remove(reaction: Reaction, userId: string, articleId: string): Promise<boolean> {
    return this.rows.delete(`${reaction}:${userId}:${articleId}`);
  }

  async addReads(counts: Record<string, number>): Promise<void> {
    for (const [id, n] of Object.entries(counts)) this.reads.set(id, (this.reads.get(id) ?? 0) + n);
  }

  async statsOf(articleIds: string[]): Promise<Map<string, ArticleStats>> {
    return new Map(articleIds.map((id) => [id, this.stats(id)]));
  }

  async flagsOf(userId: string, articleIds: string[]): Promise<Map<string, ViewerFlags>> {
    return new Map(
      articleIds.map((id) => [
        id,
        {
          liked: this.rows.has(`like:${userId}:${id}`),
          collected: this.rows.has(`collect:${userId}:${id}`),
        },
      ]),
    );
  }

  /** Test setup and the ranking scan: the counters of one article. */
  stats(articleId: string): ArticleStats {
    let likes = 0;
    let collects = 0;
    for (const [key, row] of this.rows) {
      if (row.articleId !== articleId) continue;
      if (key.startsWith('like:')) likes++;
      else collects++;
    }
    return { reads: this.reads.get(articleId) ?? 0, likes, collects };
  }
}

/** The content context's public store as the interaction context sees it. */
export class InMemoryPublishedArticles implements PublishedArticles {
  private readonly published = new Map<string, ArticleCard>();
  private readonly collections: Array<{ collectionId: string; userId: string; articleId: string }> =
    [];
  /** Every scanForRanking call: [afterId, limit]. */
  readonly scans: Array<[string | null, number]> = [];

  constructor(private readonly reactions: InMemoryReactionRepository) {}

  publish(card: ArticleCard): void {
    this.published.set(card.id, card);
  }

  withdraw(id: string): void {
    this.published.delete(id);
  }

  collect(collectionId: string, userId: string, articleId: string): void {
    this.collections.push({ collectionId, userId, articleId });
  }

  async findPublishedForShare(id: string): Promise<PublishedArticleRef | null> {
    const card = this.published.get(id);
    return card ? { id, authorId: card.author.id } : null;
  }

  async cards(ids: string[]): Promise<Map<string, ArticleCard>> {
    const out = new Map<string, ArticleCard>();
    for (const id of ids) {
      const card = this.published.get(id);
      if (card) out.set(id, card);
    }
    return out;
  }

  async scanForRanking(afterId: string | null, limit: number): Promise<RankingCandidate[]> {
    this.scans.push([afterId, limit]);
    return [...this.published.values()]
      .filter((c) => afterId === null || c.id > afterId)
      .sort((a, b) => a.id.localeCompare(b.id))
      .slice(0, limit)
      .map((c) => ({
        id: c.id,
        publishedAt: c.publishedAt,
        likes: this.reactions.stats(c.id).likes,
      }));
  }

  async listCollected(
    userId: string,
    beforeCollectionId: string | null,
    limit: number,
  ): Promise<Array<{ collectionId: string; card: ArticleCard }>> {
    return this.collections
      .filter((c) => c.userId === userId && this.published.has(c.articleId))
      .filter((c) => beforeCollectionId === null || c.collectionId < beforeCollectionId)
      .sort((a, b) => b.collectionId.localeCompare(a.collectionId))
      .slice(0, limit)
      .map((c) => ({ collectionId: c.collectionId, card: this.published.get(c.articleId)! }));
  }
}
