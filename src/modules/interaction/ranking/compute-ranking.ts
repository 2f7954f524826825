import { PublishedArticles } from '@domain/content/published-articles.port';
import { hotScore, Scored, TopN } from '@domain/interaction/hot-score';
import { RANKING_SIZE, Ranking } from '@domain/interaction/ranking';
import { ReactionRepository } from '@domain/interaction/reaction.repository';

export const SCAN_BATCH = 1000;

/**
 * The ranking computation, without its Redis and memory caching (RankingService): a keyset
 * scan of content's public store by id, `batchSize` articles per query, each batch scored with
 * its like counters (interaction's own table), keeping the best RANKING_SIZE by hot score in a
 * heap, so memory stays O(batch + 100) whatever the number of articles; then the cards and
 * counters of the winners. An article withdrawn between the scan and the card lookup is left
 * out.
 */
export async function computeRanking(
  articles: PublishedArticles,
  reactions: Pick<ReactionRepository, 'statsOf'>,
  now: Date,
  batchSize = SCAN_BATCH,
): Promise<{ ranking: Ranking; scanned: number }> {
  const top = new TopN<Scored>(RANKING_SIZE);
  let after: string | null = null;
  let scanned = 0;
  for (;;) {
    const batch = await articles.scanPublished(after, batchSize);
    const counters = await reactions.statsOf(batch.map((a) => a.id));
    for (const a of batch)
      top.offer({ id: a.id, score: hotScore(counters.get(a.id)!.likes, a.publishedAt, now) });
    scanned += batch.length;
    if (batch.length < batchSize) break;
    after = batch[batch.length - 1].id;
  }
  const best = top.sorted();
  const ids = best.map((b) => b.id);
  const [cards, stats] = await Promise.all([articles.cards(ids), reactions.statsOf(ids)]);
  const items = best.flatMap((b) => {
    const card = cards.get(b.id);
    // Withdrawn between the scan and now: leave it out.
    return card ? [{ card, stats: stats.get(b.id)!, score: b.score }] : [];
  });
  return { ranking: { items, generatedAt: now }, scanned };
}
