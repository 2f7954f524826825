import { ArticleCard, PublishedArticles } from '@domain/content/published-articles.port';
import {
  InMemoryArticleSearchIndex,
  InMemoryPublishedArticles,
  InMemoryUnitOfWork,
} from '@test/support/fakes';
import { REINDEX_BATCH, SearchIndexer } from './search-indexer';

const AUTHOR = { id: '01900000-0000-7000-8000-0000000000a1', username: 'ann', nickname: null };
let seq = 0;
function card(title: string): ArticleCard {
  seq++;
  return {
    id: `01900000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
    title,
    abstract: title,
    author: AUTHOR,
    publishedAt: new Date('2026-12-01T10:00:00.000Z'),
  };
}

/** Content as a subscriber run that read its state earlier sees it: that stale read. */
function lateReader(
  articles: PublishedArticles,
  readEarly: Awaited<ReturnType<PublishedArticles['indexSources']>>,
): PublishedArticles {
  return Object.assign(Object.create(articles) as PublishedArticles, {
    indexSources: async () => readEarly,
  });
}

describe('SearchIndexer (the index follows content, whatever the order of events)', () => {
  let articles: InMemoryPublishedArticles;
  let index: InMemoryArticleSearchIndex;
  let uow: InMemoryUnitOfWork;
  let indexer: SearchIndexer;

  beforeEach(() => {
    articles = new InMemoryPublishedArticles();
    index = new InMemoryArticleSearchIndex();
    uow = new InMemoryUnitOfWork(index);
    indexer = new SearchIndexer(articles, index, uow);
  });

  it('a published article is indexed with its full text and version; a withdrawn one becomes a tombstone', async () => {
    const a = card('Alpine huts');
    articles.publishWithContent(a, 'Walking between alpine huts.');
    expect(await indexer.indexArticles([a.id])).toEqual({
      indexed: 1,
      removed: 0,
      unchanged: 0,
      stale: 0,
    });
    expect(index.entries.get(a.id)).toEqual({
      version: 1,
      document: {
        articleId: a.id,
        authorId: AUTHOR.id,
        title: 'Alpine huts',
        body: 'Walking between alpine huts.',
        publishedAt: a.publishedAt,
        version: 1,
      },
    });
    articles.withdraw(a.id);
    expect(await indexer.indexArticles([a.id])).toEqual(expect.objectContaining({ removed: 1 }));
    expect(index.entries.get(a.id)).toEqual({ version: 2, document: null });
  });

  it('a duplicate delivery writes nothing', async () => {
    const a = card('Once');
    articles.publishWithContent(a, 'once');
    await indexer.indexArticles([a.id]);
    expect(await indexer.indexArticles([a.id])).toEqual(
      expect.objectContaining({ unchanged: 1, indexed: 0 }),
    );
    expect(index.writes).toBe(1);
  });

  it('a state read before a withdrawal but applied after it is stale: the article stays out', async () => {
    const a = card('Racing');
    articles.publishWithContent(a, 'racing text');
    // the publish event's run reads the published state, then stalls...
    const readEarly = await articles.indexSources([a.id]);
    articles.withdraw(a.id);
    // ...while the withdrawal's run reads and applies the newer state first
    await indexer.indexArticles([a.id]);
    const slow = lateReader(articles, readEarly);
    const late = await new SearchIndexer(slow, index, uow).indexArticles([a.id]);
    expect(late).toEqual({ indexed: 0, removed: 0, unchanged: 0, stale: 1 });
    expect(index.entries.get(a.id)).toEqual({ version: 2, document: null });
    expect(await index.search(['racing'], null, 10)).toEqual([]);
  });

  it('a withdrawal read before a republish but applied after it is stale: the republished text stays', async () => {
    const a = card('Back again');
    articles.publishWithContent(a, 'first text');
    articles.withdraw(a.id);
    const readEarly = await articles.indexSources([a.id]);
    articles.publishWithContent(a, 'second text');
    await indexer.indexArticles([a.id]);
    const slow = lateReader(articles, readEarly);
    expect(await new SearchIndexer(slow, index, uow).indexArticles([a.id])).toEqual(
      expect.objectContaining({ stale: 1 }),
    );
    expect(index.entries.get(a.id)?.document?.body).toBe('second text');
  });

  it('an id content does not know is skipped', async () => {
    expect(await indexer.indexArticles(['01900000-0000-7000-8000-00000000ffff'])).toEqual({
      indexed: 0,
      removed: 0,
      unchanged: 0,
      stale: 0,
    });
    expect(index.entries.size).toBe(0);
  });

  it('reindexAll backfills every published article in batches, drops entries no longer published, and a second run writes nothing', async () => {
    const published = Array.from({ length: REINDEX_BATCH + 3 }, (_, i) => card(`Article ${i}`));
    for (const a of published) articles.publishWithContent(a, `text ${a.title}`);
    const gone = card('Withdrawn meanwhile');
    articles.publishWithContent(gone, 'gone');
    await indexer.indexArticles([gone.id]);
    // the withdrawal's event was lost: only the reindex can fix the entry
    articles.withdraw(gone.id);

    const first = await indexer.reindexAll();
    expect(first).toEqual({
      published: REINDEX_BATCH + 3,
      checked: REINDEX_BATCH + 3 + 1,
      indexed: REINDEX_BATCH + 3,
      removed: 1,
      unchanged: 0,
      stale: 0,
    });
    expect(articles.scans.map(([, limit]) => limit)).toEqual([
      REINDEX_BATCH,
      REINDEX_BATCH,
      REINDEX_BATCH,
    ]);
    expect(index.entries.get(gone.id)?.document).toBeNull();
    expect(await index.scanVisible(null, 10_000)).toHaveLength(REINDEX_BATCH + 3);

    const writes = index.writes;
    const second = await indexer.reindexAll();
    expect(second).toEqual(expect.objectContaining({ indexed: 0, removed: 0, stale: 0 }));
    expect(index.writes).toBe(writes);
  });
});
