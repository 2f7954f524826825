import {
  FakeClock,
  InMemoryPublishedArticles,
  InMemoryReactionRepository,
} from '@test/support/fakes';
import { PublishedArticles } from '@domain/content/published-articles.port';
import { compareScored, hotScore } from '@domain/interaction/hot-score';
import { RANKING_SIZE } from '@domain/interaction/ranking';
import { newId } from '@domain/shared/uuid';
import { computeRanking } from './compute-ranking';

const HOUR = 3_600_000;

describe('computeRanking (in-memory published articles and reactions)', () => {
  let reactions: InMemoryReactionRepository;
  let articles: InMemoryPublishedArticles;
  let clock: FakeClock;

  beforeEach(() => {
    reactions = new InMemoryReactionRepository();
    articles = new InMemoryPublishedArticles();
    clock = new FakeClock('2030-04-01T12:00:00.000Z');
  });

  /** Publishes an article `hoursAgo` old with `likes` likes (the author's own included). */
  async function article(title: string, hoursAgo: number, likes: number): Promise<string> {
    const id = newId();
    articles.publish({
      id,
      title,
      abstract: `${title} in short`,
      author: { id: 'author', username: 'author', nickname: null },
      publishedAt: new Date(clock.now().getTime() - hoursAgo * HOUR),
    });
    for (let i = 0; i < likes; i++) await reactions.add('like', `reader-${i}`, id, clock.now());
    return id;
  }

  const titles = async (batchSize?: number) =>
    (await computeRanking(articles, reactions, clock.now(), batchSize)).ranking.items.map(
      (i) => i.card.title,
    );

  it('orders by hot score: more likes first at the same age, newer first at the same likes', async () => {
    await article('old, 10 likes', 48, 10);
    await article('new, 10 likes', 1, 10);
    await article('new, 3 likes', 1, 3);
    await article('new, author only', 0, 1);
    await article('ancient, 50 likes', 24 * 30, 50);
    expect(await titles()).toEqual([
      'new, 10 likes',
      'new, 3 likes',
      'old, 10 likes',
      'ancient, 50 likes',
      'new, author only',
    ]);
  });

  it('each item carries its hot score at the computation time and its counters, and the list its generatedAt', async () => {
    const id = await article('a', 5, 4);
    await reactions.add('collect', 'reader-1', id, clock.now());
    await reactions.addReads({ [id]: 7 });
    const { ranking } = await computeRanking(articles, reactions, clock.now());
    expect(ranking.generatedAt).toEqual(clock.now());
    expect(ranking.items).toEqual([
      {
        card: expect.objectContaining({ id, title: 'a' }),
        score: hotScore(4, new Date(clock.now().getTime() - 5 * HOUR), clock.now()),
        stats: { likes: 4, collects: 1, reads: 7, comments: 0 },
      },
    ]);
    // The same articles an hour later score lower.
    clock.advance(HOUR);
    const later = await computeRanking(articles, reactions, clock.now());
    expect(later.ranking.items[0].score).toBeLessThan(ranking.items[0].score);
  });

  it('equal scores: the newer id first, so the order is total and stable', async () => {
    const first = await article('first', 2, 5);
    const second = await article('second', 2, 5);
    expect(second > first).toBe(true);
    expect(await titles()).toEqual(['second', 'first']);
  });

  it(`keeps exactly the best ${RANKING_SIZE} of many, scanning in keyset batches (never all at once)`, async () => {
    for (let i = 0; i < 250; i++) await article(`a${i}`, (i * 7) % 50, (i * 13) % 17);
    const candidates = await articles.scanPublished(null, 1_000);
    const likes = await reactions.statsOf(candidates.map((c) => c.id));
    const expected = candidates
      .map((c) => ({
        id: c.id,
        score: hotScore(likes.get(c.id)!.likes, c.publishedAt, clock.now()),
      }))
      .sort(compareScored)
      .slice(0, RANKING_SIZE)
      .map((s) => s.id);
    articles.scans.length = 0;

    const { ranking, scanned } = await computeRanking(articles, reactions, clock.now(), 40);

    expect(scanned).toBe(250);
    expect(ranking.items.map((i) => i.card.id)).toEqual(expected);
    const scores = ranking.items.map((i) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // 250 rows, 40 a page: 7 queries, each after the last id of the previous page.
    expect(articles.scans.map(([, limit]) => limit)).toEqual(Array(7).fill(40));
    expect(articles.scans[0][0]).toBeNull();
    const ids = candidates.map((c) => c.id);
    expect(articles.scans.slice(1).map(([after]) => after)).toEqual(
      [39, 79, 119, 159, 199, 239].map((i) => ids[i]),
    );
  });

  it('an article withdrawn between the scan and the card lookup is left out, the others keep their order', async () => {
    const gone = await article('withdrawn meanwhile', 1, 20);
    await article('b', 1, 10);
    await article('c', 1, 5);
    const racing: PublishedArticles = {
      holdPublished: (id) => articles.holdPublished(id),
      scanPublished: async (after, limit) => {
        const batch = await articles.scanPublished(after, limit);
        articles.withdraw(gone);
        return batch;
      },
      cards: (ids) => articles.cards(ids),
      countByAuthor: (authorId) => articles.countByAuthor(authorId),
      latestByAuthors: (authors, before, limit) => articles.latestByAuthors(authors, before, limit),
      indexSources: (ids) => articles.indexSources(ids),
    };
    const { ranking } = await computeRanking(racing, reactions, clock.now());
    expect(ranking.items.map((i) => i.card.title)).toEqual(['b', 'c']);
  });

  it('no published article: an empty list', async () => {
    expect(await computeRanking(articles, reactions, clock.now())).toEqual({
      ranking: { items: [], generatedAt: clock.now() },
      scanned: 0,
    });
  });
});
