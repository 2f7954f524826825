import { ArticleCard, PublishedArticles } from '@domain/content/published-articles.port';
import { ReactionRepository } from '@domain/interaction/reaction.repository';

/**
 * Up to `limit` of a user's collections of published articles, newest collected first, all
 * before `beforeCollectionId` (null: from the newest). The collections are interaction's rows,
 * the cards content's answer: a collection whose article is withdrawn has no card and is
 * skipped (the row stays, republishing brings it back), and the next collections are read
 * until `limit` are found or none are left.
 */
export async function collectedPublished(
  reactions: Pick<ReactionRepository, 'collectedBy'>,
  articles: Pick<PublishedArticles, 'cards'>,
  userId: string,
  beforeCollectionId: string | null,
  limit: number,
): Promise<Array<{ collectionId: string; card: ArticleCard }>> {
  const found: Array<{ collectionId: string; card: ArticleCard }> = [];
  let before = beforeCollectionId;
  while (found.length < limit) {
    const batch = await reactions.collectedBy(userId, before, limit);
    if (batch.length === 0) break;
    const cards = await articles.cards(batch.map((c) => c.articleId));
    for (const { collectionId, articleId } of batch) {
      const card = cards.get(articleId);
      if (card) found.push({ collectionId, card });
    }
    if (batch.length < limit) break;
    before = batch[batch.length - 1].collectionId;
  }
  return found.slice(0, limit);
}
