import {
  ArticleSearchIndex,
  SearchHit,
  SearchPosition,
} from '@domain/search/article-search-index.port';
import { IndexDecision, indexDecision, SearchDocument } from '@domain/search/search-document';
import { Transactional } from './unit-of-work';

interface Entry {
  document: SearchDocument | null;
  version: number;
}

/**
 * The search index port in memory, with the port's ordering rule (`indexDecision`). Its search
 * is a plain word count (title words count 3×), enough to exercise callers, not the engine.
 */
export class InMemoryArticleSearchIndex implements ArticleSearchIndex, Transactional {
  readonly entries = new Map<string, Entry>();
  /** How many entries were written (not counting the unchanged and stale ones). */
  writes = 0;

  async upsert(doc: SearchDocument): Promise<IndexDecision> {
    return this.put(doc.articleId, doc, doc.version);
  }

  async remove(articleId: string, version: number): Promise<IndexDecision> {
    return this.put(articleId, null, version);
  }

  private put(id: string, document: SearchDocument | null, version: number): IndexDecision {
    const decision = indexDecision(this.entries.get(id)?.version ?? null, version);
    if (decision === 'write') {
      this.entries.set(id, { document, version });
      this.writes++;
    }
    return decision;
  }

  async search(
    terms: readonly string[],
    after: SearchPosition | null,
    limit: number,
  ): Promise<SearchHit[]> {
    const count = (text: string, term: string) =>
      text
        .toLowerCase()
        .split(/\W+/)
        .filter((w) => w === term).length;
    return [...this.entries.entries()]
      .flatMap(([articleId, { document: d }]) => {
        if (!d) return [];
        const score = terms.reduce(
          (sum, term) => sum + 3 * count(d.title, term) + count(`${d.title} ${d.body}`, term),
          0,
        );
        return score > 0 ? [{ articleId, score: score.toFixed(12) }] : [];
      })
      .sort((a, b) => Number(b.score) - Number(a.score) || b.articleId.localeCompare(a.articleId))
      .filter(
        (h) =>
          !after ||
          Number(h.score) < Number(after.score) ||
          (h.score === after.score && h.articleId < after.articleId),
      )
      .slice(0, limit);
  }

  async scanVisible(afterId: string | null, limit: number): Promise<string[]> {
    return [...this.entries.entries()]
      .filter(([id, e]) => e.document && (afterId === null || id > afterId))
      .map(([id]) => id)
      .sort()
      .slice(0, limit);
  }

  saveState(): unknown {
    return new Map(this.entries);
  }

  restoreState(state: unknown): void {
    this.entries.clear();
    for (const [k, v] of state as Map<string, Entry>) this.entries.set(k, v);
  }
}
