/** One article in a reader's following feed: its sort key and author. */
export interface FeedEntry {
  articleId: string;
  authorId: string;
  publishedAt: Date;
}

/** Where a following-feed page resumes: strictly older than this (published_at, id). */
export interface FeedPosition {
  publishedAt: Date;
  articleId: string;
}

/** Newest first: published_at descending, then id descending (the keyset order). */
export function compareNewestFirst(a: FeedEntry, b: FeedEntry): number {
  const t = b.publishedAt.getTime() - a.publishedAt.getTime();
  if (t !== 0) return t;
  return a.articleId < b.articleId ? 1 : a.articleId > b.articleId ? -1 : 0;
}

export function isBefore(entry: FeedEntry, position: FeedPosition | null): boolean {
  if (!position) return true;
  const t = entry.publishedAt.getTime() - position.publishedAt.getTime();
  return t < 0 || (t === 0 && entry.articleId < position.articleId);
}

/**
 * Merges the pushed timeline (fan-out on write) with the articles pulled from the celebrities the
 * reader follows (fan-out on read): each source is already newest first and strictly before the
 * cursor; an article present in both (an author who became a celebrity after it was fanned out)
 * appears once. Returns at most `size` entries, newest first.
 */
export function mergeFeed(sources: readonly FeedEntry[][], size: number): FeedEntry[] {
  const seen = new Set<string>();
  const out: FeedEntry[] = [];
  for (const e of sources.flat().sort(compareNewestFirst)) {
    if (seen.has(e.articleId)) continue;
    seen.add(e.articleId);
    out.push(e);
    if (out.length === size) break;
  }
  return out;
}
