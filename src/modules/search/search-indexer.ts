import { Inject, Injectable } from '@nestjs/common';
import { PUBLISHED_ARTICLES, PublishedArticles } from '@domain/content/published-articles.port';
import { ARTICLE_SEARCH_INDEX, ArticleSearchIndex } from '@domain/search/article-search-index.port';
import { UNIT_OF_WORK, UnitOfWork } from '@domain/shared/unit-of-work';

export interface IndexOutcome {
  /** Published states written. */
  indexed: number;
  /** Tombstones written (the article left the results). */
  removed: number;
  /** States the index already held (same version). */
  unchanged: number;
  /** Older states than the index holds, ignored. */
  stale: number;
}

export interface ReindexReport extends IndexOutcome {
  /** Published articles read from content. */
  published: number;
  /** Index entries checked against content in the sweep for articles no longer published. */
  checked: number;
}

/** Articles per batch of the reindex: one read of content and one transaction each. */
export const REINDEX_BATCH = 500;

/**
 * Brings index entries to the articles' current state. An event only says "this article
 * changed": the indexer reads the state with its version through content's PUBLISHED_ARTICLES
 * port and hands it to the index, which keeps the newest version it saw (`indexDecision`). So
 * duplicates, late and reordered events, and a reindex running beside live traffic all end
 * with the index equal to content.
 */
@Injectable()
export class SearchIndexer {
  constructor(
    @Inject(PUBLISHED_ARTICLES) private readonly articles: PublishedArticles,
    @Inject(ARTICLE_SEARCH_INDEX) private readonly index: ArticleSearchIndex,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
  ) {}

  /** Joins the caller's transaction (the event processor's, with its dedupe mark). */
  async indexArticles(ids: readonly string[]): Promise<IndexOutcome> {
    const outcome: IndexOutcome = { indexed: 0, removed: 0, unchanged: 0, stale: 0 };
    const sources = await this.articles.indexSources(ids);
    for (const id of ids) {
      const source = sources.get(id);
      if (!source) continue; // no such article: nothing was ever published under this id
      const decision = source.published
        ? await this.index.upsert({
            articleId: id,
            authorId: source.published.authorId,
            title: source.published.title,
            body: source.published.content,
            publishedAt: source.published.publishedAt,
            version: source.version,
          })
        : await this.index.remove(id, source.version);
      if (decision !== 'write') outcome[decision]++;
      else if (source.published) outcome.indexed++;
      else outcome.removed++;
    }
    return outcome;
  }

  /**
   * `npm run search:reindex`: every published article into the index (the backfill of a new or
   * emptied index), then every entry the index shows checked against content (drops what a lost
   * event left behind). Batched, one transaction per batch; idempotent, safe beside live traffic.
   */
  async reindexAll(
    onBatch: (report: ReindexReport) => void = () => undefined,
  ): Promise<ReindexReport> {
    const report: ReindexReport = {
      published: 0,
      checked: 0,
      indexed: 0,
      removed: 0,
      unchanged: 0,
      stale: 0,
    };
    const add = (o: IndexOutcome) => {
      report.indexed += o.indexed;
      report.removed += o.removed;
      report.unchanged += o.unchanged;
      report.stale += o.stale;
    };
    for (let after: string | null = null; ;) {
      const batch = await this.articles.scanPublished(after, REINDEX_BATCH);
      if (batch.length === 0) break;
      const ids = batch.map((e) => e.id);
      add(await this.uow.run(() => this.indexArticles(ids)));
      report.published += ids.length;
      onBatch(report);
      after = ids[ids.length - 1];
    }
    for (let after: string | null = null; ;) {
      const ids = await this.index.scanVisible(after, REINDEX_BATCH);
      if (ids.length === 0) break;
      // Still-published articles were just written: only the removals are new here.
      const outcome = await this.uow.run(() => this.indexArticles(ids));
      report.removed += outcome.removed;
      report.indexed += outcome.indexed;
      report.checked += ids.length;
      onBatch(report);
      after = ids[ids.length - 1];
    }
    return report;
  }
}
