import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { hotScore, Scored, TopN } from '../../../domain/interaction/hot-score';
import {
  PUBLISHED_ARTICLES,
  PublishedArticles,
} from '../../../domain/interaction/published-articles.port';
import { RANKING_SIZE, Ranking } from '../../../domain/interaction/ranking';
import {
  REACTION_REPOSITORY,
  ReactionRepository,
} from '../../../domain/interaction/reaction.repository';
import { CLOCK, Clock } from '../../../domain/shared/clock';
import { AppConfig } from '../../../infrastructure/config/app-config';
import { REDIS } from '../../../infrastructure/redis/redis.token';

export const RANKING_KEY = 'interaction:ranking';
const SCAN_BATCH = 1000;
/** How often a process asks Redis whether another instance published a newer ranking. */
const MEMORY_CHECK_MS = 1000;
const REDIS_TTL_SECONDS = 86_400;

/** Dates travel as ISO strings (JSON.stringify); restore them. */
function deserialize(raw: string): Ranking {
  const s = JSON.parse(raw) as {
    generatedAt: string;
    items: Array<Ranking['items'][number] & { card: { publishedAt: string } }>;
  };
  return {
    generatedAt: new Date(s.generatedAt),
    items: s.items.map((i) => ({
      ...i,
      card: { ...i.card, publishedAt: new Date(i.card.publishedAt) },
    })),
  };
}

/**
 * The hot ranking: computed in batches (never all articles in memory), stored in Redis for all
 * instances and in this process's memory. Reads are served from memory; Redis is consulted at
 * most once a second in the background; the database only when nothing is known yet or the
 * known list is older than two intervals. Failures keep the last good list.
 */
@Injectable()
export class RankingService {
  private readonly logger = new Logger(RankingService.name);
  private memory: Ranking | null = null;
  private checkedAt = 0;
  private pending: Promise<Ranking> | null = null;
  private checking = false;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(PUBLISHED_ARTICLES) private readonly articles: PublishedArticles,
    @Inject(REACTION_REPOSITORY) private readonly reactions: ReactionRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  private get intervalMs(): number {
    return this.config.env.RANKING_INTERVAL_SECONDS * 1000;
  }

  /** The current list, as fast as possible. */
  async current(): Promise<Ranking> {
    const known = this.memory;
    if (!known) return this.singleFlight(() => this.loadOrCompute());
    if (Date.now() - this.checkedAt >= MEMORY_CHECK_MS) void this.checkInBackground(known);
    return known;
  }

  /** Recomputes now, stores in Redis and memory (the scheduler and the admin refresh). */
  async refresh(): Promise<Ranking> {
    const ranking = await this.compute();
    this.remember(ranking);
    await this.redis
      .set(RANKING_KEY, JSON.stringify(ranking), 'EX', REDIS_TTL_SECONDS)
      .catch((err: Error) => {
        this.logger.warn(`ranking not stored in Redis: ${err.message}`);
      });
    return ranking;
  }

  /** When the newest ranking any instance published was generated (null: none, or Redis down). */
  async lastGeneratedAt(): Promise<Date | null> {
    const stored = await this.readRedis();
    return stored?.generatedAt ?? null;
  }

  private async checkInBackground(known: Ranking): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    this.checkedAt = Date.now();
    try {
      const stored = await this.readRedis();
      if (stored && stored.generatedAt > known.generatedAt) this.remember(stored);
      const newest = this.memory ?? known;
      // No scheduler anywhere has refreshed it (e.g. no worker runs): recompute here.
      if (this.clock.now().getTime() - newest.generatedAt.getTime() > 2 * this.intervalMs)
        await this.singleFlight(() => this.refresh());
    } catch (err) {
      this.logger.warn(`ranking kept stale: ${(err as Error).message}`);
    } finally {
      this.checking = false;
    }
  }

  private async loadOrCompute(): Promise<Ranking> {
    const stored = await this.readRedis();
    if (stored) {
      this.remember(stored);
      return stored;
    }
    return this.refresh();
  }

  private singleFlight(work: () => Promise<Ranking>): Promise<Ranking> {
    this.pending ??= work().finally(() => (this.pending = null));
    return this.pending;
  }

  private remember(ranking: Ranking): void {
    if (!this.memory || ranking.generatedAt >= this.memory.generatedAt) this.memory = ranking;
    this.checkedAt = Date.now();
  }

  private async readRedis(): Promise<Ranking | null> {
    const raw = await this.redis.get(RANKING_KEY).catch(() => null);
    if (!raw) return null;
    try {
      return deserialize(raw);
    } catch {
      return null;
    }
  }

  /**
   * Keyset scan of the public store by id, SCAN_BATCH rows per query, keeping the best
   * RANKING_SIZE in a heap: memory stays O(batch + 100) whatever the number of articles.
   */
  private async compute(): Promise<Ranking> {
    const started = Date.now();
    const now = this.clock.now();
    const top = new TopN<Scored>(RANKING_SIZE);
    let after: string | null = null;
    let scanned = 0;
    for (;;) {
      const batch = await this.articles.scanForRanking(after, SCAN_BATCH);
      for (const a of batch) top.offer({ id: a.id, score: hotScore(a.likes, a.publishedAt, now) });
      scanned += batch.length;
      if (batch.length < SCAN_BATCH) break;
      after = batch[batch.length - 1].id;
    }
    const best = top.sorted();
    const ids = best.map((b) => b.id);
    const [cards, stats] = await Promise.all([
      this.articles.cards(ids),
      this.reactions.statsOf(ids),
    ]);
    const items = best.flatMap((b) => {
      const card = cards.get(b.id);
      // Withdrawn between the scan and now: leave it out.
      return card ? [{ card, stats: stats.get(b.id)!, score: b.score }] : [];
    });
    this.logger.log(`ranking computed over ${scanned} articles in ${Date.now() - started} ms`);
    return { items, generatedAt: now };
  }
}
