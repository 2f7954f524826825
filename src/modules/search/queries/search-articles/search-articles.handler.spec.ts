import { ArticleCard } from '@domain/content/published-articles.port';
import { ArticleStatsPort, ZERO_STATS } from '@domain/interaction/article-stats';
import {
  InMemoryArticleSearchIndex,
  InMemoryPublishedArticles,
  InMemoryUnitOfWork,
} from '@test/support/fakes';
import { SearchIndexer } from '../../search-indexer';
import { SearchArticlesHandler } from './search-articles.handler';
import { SearchArticlesQuery } from './search-articles.query';

const AUTHOR = { id: '01900000-0000-7000-8000-0000000000a1', username: 'ann', nickname: null };
const stats: ArticleStatsPort = {
  statsOf: async (ids) => new Map(ids.map((id) => [id, { ...ZERO_STATS, likes: 1 }])),
  flagsOf: async () => new Map(),
};

function card(n: number, title: string): ArticleCard {
  return {
    id: `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`,
    title,
    abstract: `abstract ${n}`,
    author: AUTHOR,
    publishedAt: new Date('2026-12-01T10:00:00.000Z'),
  };
}

describe('SearchArticlesHandler', () => {
  let articles: InMemoryPublishedArticles;
  let index: InMemoryArticleSearchIndex;
  let handler: SearchArticlesHandler;
  let indexer: SearchIndexer;

  beforeEach(() => {
    articles = new InMemoryPublishedArticles();
    index = new InMemoryArticleSearchIndex();
    indexer = new SearchIndexer(articles, index, new InMemoryUnitOfWork(index));
    handler = new SearchArticlesHandler(index, articles, stats);
  });

  it('answers PublicArticles without content with their score, best first, current title and counters', async () => {
    const [a, b] = [card(1, 'Fjord ferries'), card(2, 'Ferries')];
    articles.publishWithContent(a, 'fjord fjord');
    articles.publishWithContent(b, 'a fjord crossing');
    await indexer.indexArticles([a.id, b.id]);
    const page = await handler.execute(new SearchArticlesQuery('FJORD', 20));
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((i) => i.article.id)).toEqual([a.id, b.id]);
    expect(page.items[0]).toEqual({
      article: {
        id: a.id,
        title: 'Fjord ferries',
        abstract: 'abstract 1',
        author: AUTHOR,
        publishedAt: '2026-12-01T10:00:00.000Z',
        stats: { reads: 0, likes: 1, collects: 0, comments: 0 },
        liked: false,
        collected: false,
      },
      score: expect.any(Number),
    });
  });

  it('a hit whose article is no longer published is left out, and the cursor still moves past it', async () => {
    const [gone, kept] = [card(1, 'Glacier glacier'), card(2, 'Glacier')];
    articles.publishWithContent(gone, 'glacier');
    articles.publishWithContent(kept, 'walk');
    await indexer.indexArticles([gone.id, kept.id]);
    articles.withdraw(gone.id); // the index has not heard of it yet
    const first = await handler.execute(new SearchArticlesQuery('glacier', 1));
    expect(first.items).toEqual([]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await handler.execute(new SearchArticlesQuery('glacier', 1, first.nextCursor!));
    expect(second.items.map((i) => i.article.id)).toEqual([kept.id]);
    expect(second.nextCursor).toBeNull();
  });

  it('a query without a searchable word is an empty list, and the index is not asked', async () => {
    const search = jest.spyOn(index, 'search');
    expect(await handler.execute(new SearchArticlesQuery('+-*"()~<>@ a b', 20))).toEqual({
      items: [],
      nextCursor: null,
    });
    expect(search).not.toHaveBeenCalled();
  });
});
