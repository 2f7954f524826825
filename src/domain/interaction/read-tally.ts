/**
 * Reads counted in memory between two flushes: one number per article, however many reads.
 * A batch that could not be written is given back and goes out with the next one.
 */
export class ReadTally {
  private counts = new Map<string, number>();

  /** Past this many distinct articles, a long outage would make the tally grow without end. */
  constructor(private readonly maxArticles = 100_000) {}

  get size(): number {
    return this.counts.size;
  }

  record(articleId: string, n = 1): void {
    if (!this.counts.has(articleId) && this.counts.size >= this.maxArticles) return;
    this.counts.set(articleId, (this.counts.get(articleId) ?? 0) + n);
  }

  /** Everything counted so far; the tally starts again from zero. */
  take(): Record<string, number> {
    const batch = Object.fromEntries(this.counts);
    this.counts = new Map();
    return batch;
  }

  giveBack(batch: Record<string, number>): void {
    for (const [id, n] of Object.entries(batch)) this.record(id, n);
  }
}
