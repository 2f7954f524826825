import { ArticleStats, ViewerFlags } from '@domain/interaction/article-stats';
import { Collection, Reaction, ReactionRepository } from '@domain/interaction/reaction.repository';
import { newId } from '@domain/shared/uuid';

/** Likes, collections and read counters (article_stats and the reaction rows). */
export class InMemoryReactionRepository implements ReactionRepository {
  /** Collections carry their id (UUIDv7 of the collection time), the order of a user's list. */
  private readonly rows = new Map<
    string,
    { id: string; userId: string; articleId: string; at: Date }
  >();
  private readonly reads = new Map<string, number>();

  async add(reaction: Reaction, userId: string, articleId: string, now: Date): Promise<boolean> {
    const key = `${reaction}:${userId}:${articleId}`;
    if (this.rows.has(key)) return false;
    this.rows.set(key, { id: newId(now.getTime()), userId, articleId, at: now });
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

  async collectedBy(
    userId: string,
    beforeCollectionId: string | null,
    limit: number,
  ): Promise<Collection[]> {
    return [...this.rows]
      .filter(([key, row]) => key.startsWith('collect:') && row.userId === userId)
      .map(([, row]) => ({ collectionId: row.id, articleId: row.articleId }))
      .filter((c) => beforeCollectionId === null || c.collectionId < beforeCollectionId)
      .sort((a, b) => b.collectionId.localeCompare(a.collectionId))
      .slice(0, limit);
  }

  /** The counters of one article. */
  private stats(articleId: string): ArticleStats {
    let likes = 0;
    let collects = 0;
    for (const [key, row] of this.rows) {
      if (row.articleId !== articleId) continue;
      if (key.startsWith('like:')) likes++;
      else collects++;
    }
    return { reads: this.reads.get(articleId) ?? 0, likes, collects, comments: 0 };
  }
}
