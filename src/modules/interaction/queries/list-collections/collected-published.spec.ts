import {
  FakeClock,
  InMemoryPublishedArticles,
  InMemoryReactionRepository,
} from '@test/support/fakes';
import { newId } from '@domain/shared/uuid';
import { collectedPublished } from './collected-published';

describe('collectedPublished (interaction collections joined with content cards)', () => {
  let reactions: InMemoryReactionRepository;
  let articles: InMemoryPublishedArticles;
  let clock: FakeClock;

  beforeEach(() => {
    reactions = new InMemoryReactionRepository();
    articles = new InMemoryPublishedArticles();
    clock = new FakeClock('2030-04-01T12:00:00.000Z');
  });

  /** `n` published articles, collected by `userId` one second apart (the last is the newest). */
  async function collected(userId: string, n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const id = newId();
      articles.publish({
        id,
        title: `a${i}`,
        abstract: '',
        author: { id: 'author', username: 'author', nickname: null },
        publishedAt: clock.now(),
      });
      await reactions.add('collect', userId, id, clock.now());
      clock.advance(1000);
      ids.push(id);
    }
    return ids;
  }

  const page = async (userId: string, before: string | null, limit: number) =>
    collectedPublished(reactions, articles, userId, before, limit);

  it('newest collected first, `limit` at a time, each page after the last collection of the previous one', async () => {
    const ids = await collected('u', 5);
    await collected('someone else', 2);
    const first = await page('u', null, 2);
    expect(first.map((r) => r.card.id)).toEqual([ids[4], ids[3]]);
    const second = await page('u', first[1].collectionId, 2);
    expect(second.map((r) => r.card.id)).toEqual([ids[2], ids[1]]);
    const last = await page('u', second[1].collectionId, 2);
    expect(last.map((r) => r.card.id)).toEqual([ids[0]]);
  });

  it('skips withdrawn articles and reads further collections until the page is full', async () => {
    const ids = await collected('u', 7);
    for (const i of [5, 4, 3]) articles.withdraw(ids[i]);
    const first = await page('u', null, 3);
    expect(first.map((r) => r.card.id)).toEqual([ids[6], ids[2], ids[1]]);
    // Batches of 3: [6 5 4] kept one, [3 2 1] filled the page; never a card for a later one.
    expect(articles.cardRequests).toEqual([
      [ids[6], ids[5], ids[4]],
      [ids[3], ids[2], ids[1]],
    ]);
    expect((await page('u', first[2].collectionId, 3)).map((r) => r.card.id)).toEqual([ids[0]]);
  });

  it('stops when the collections run out, however many were withdrawn', async () => {
    const ids = await collected('u', 4);
    for (const id of ids.slice(1)) articles.withdraw(id);
    expect((await page('u', null, 2)).map((r) => r.card.id)).toEqual([ids[0]]);
    expect(await page('nobody', null, 2)).toEqual([]);
  });
});
