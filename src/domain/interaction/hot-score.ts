const HOUR_MS = 3_600_000;

/**
 * Hot ranking score: (likes − 1) / (hoursSincePublished + 2)^1.5. The −1 discounts the
 * author's own like; +2 keeps brand-new articles from dividing by ~0; the 1.5 power makes
 * age win over likes eventually. Articles "published in the future" (clock skew) count as new.
 */
export function hotScore(likes: number, publishedAt: Date, now: Date): number {
  const hours = Math.max(0, now.getTime() - publishedAt.getTime()) / HOUR_MS;
  return (likes - 1) / Math.pow(hours + 2, 1.5);
}

export interface Scored {
  id: string;
  score: number;
}

/** Highest score first; ties by id descending (newer UUIDv7 first) so the order is total. */
export function compareScored(a: Scored, b: Scored): number {
  if (a.score !== b.score) return b.score - a.score;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * Keeps the best `capacity` items of a stream in O(log capacity) per item: a binary min-heap
 * whose root is the worst item kept, so a newcomer only has to beat the root.
 */
export class TopN<T extends Scored> {
  private readonly heap: T[] = [];

  constructor(private readonly capacity: number) {}

  offer(item: T): void {
    if (this.capacity <= 0) return;
    if (this.heap.length < this.capacity) {
      this.heap.push(item);
      this.siftUp(this.heap.length - 1);
    } else if (compareScored(item, this.heap[0]) < 0) {
      this.heap[0] = item;
      this.siftDown(0);
    }
  }

  /** Best first. */
  sorted(): T[] {
    return [...this.heap].sort(compareScored);
  }

  /** a is worse than b: the min-heap order. */
  private worse(a: T, b: T): boolean {
    return compareScored(a, b) > 0;
  }

  private siftUp(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(h[i], h[parent])) return;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < h.length && this.worse(h[l], h[worst])) worst = l;
      if (r < h.length && this.worse(h[r], h[worst])) worst = r;
      if (worst === i) return;
      [h[i], h[worst]] = [h[worst], h[i]];
      i = worst;
    }
  }
}
