import { Inject, Injectable, Logger } from '@nestjs/common';
import { PUBLISHED_ARTICLES, PublishedArticles } from '@domain/content/published-articles.port';
import { Ranking, RankingEviction } from '@domain/interaction/ranking';
import {
  RANKING_WITHDRAWALS,
  RankingWithdrawals,
} from '@domain/interaction/ranking-withdrawals.port';
import { REACTION_REPOSITORY, ReactionRepository } from '@domain/interaction/reaction.repository';
import { CLOCK, Clock } from '@domain/shared/clock';
import { AppConfig } from '@infra/config/app-config';
import { RedisJsonCache } from '@infra/redis/redis-json-cache';
import { computeRanking } from './compute-ranking';

export const RANKING_KEY = 'interaction:ranking';
/** Margin for the clocks of the instances: a withdrawal this close before a computation still applies to it. */
const CLOCK_SKEW_MS = 5_000;
/** How often a process asks Redis whether another instance published a newer ranking. */
const MEMORY_CHECK_MS = 1000;
const REDIS_TTL_SECONDS = 86_400;

/** Dates travel as ISO strings (JSON.stringify); restore them. */
function revive(json: unknown): Ranking {
  const s = json as {
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
 *
 * A withdrawal (articleWithdrawn) leaves the served list at once: this process filters it out
 * of its memory, and records it in RankingWithdrawals (shared through Redis), which the other
 * instances read with their once-a-second check. Every list, whoever computed it and whenever it arrives, is
 * served without the articles withdrawn after (or just before) its computation started, so a
 * computation racing with a withdrawal can't bring the article back.
 */
@Injectable()
export class RankingService implements RankingEviction {
  private readonly logger = new Logger(RankingService.name);
  private memory: Ranking | null = null;
  private checkedAt = 0;
  private pending: Promise<Ranking> | null = null;
  private checking = false;
  /** Withdrawn article id → when (ms), as far as this process knows; pruned as lists get newer. */
  private readonly withdrawn = new Map<string, number>();

  constructor(
    private readonly cache: RedisJsonCache,
    @Inject(RANKING_WITHDRAWALS) private readonly withdrawals: RankingWithdrawals,
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
    const computed = await this.compute();
    await this.syncWithdrawn(computed.generatedAt);
    const ranking = this.withoutWithdrawn(computed);
    this.remember(ranking);
    await this.cache.set(RANKING_KEY, ranking, REDIS_TTL_SECONDS, (err) => {
      this.logger.warn(`ranking not stored in Redis: ${err.message}`);
    });
    return ranking;
  }

  async articleWithdrawn(articleId: string): Promise<void> {
    const at = this.clock.now().getTime();
    this.noteWithdrawn([[articleId, at]]);
    try {
      await this.withdrawals.record(articleId, at);
    } catch (err) {
      this.logger.warn(
        `withdrawal of ${articleId} not shared with other instances (they drop it at their next computation): ${(err as Error).message}`,
      );
    }
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
      await this.syncWithdrawn(known.generatedAt);
      if (stored && stored.generatedAt > known.generatedAt) this.remember(stored);
      else if (this.memory) this.memory = this.withoutWithdrawn(this.memory);
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
      await this.syncWithdrawn(stored.generatedAt);
      this.remember(stored);
      return this.memory ?? stored;
    }
    return this.refresh();
  }

  private singleFlight(work: () => Promise<Ranking>): Promise<Ranking> {
    this.pending ??= work().finally(() => (this.pending = null));
    return this.pending;
  }

  private remember(ranking: Ranking): void {
    if (!this.memory || ranking.generatedAt >= this.memory.generatedAt) {
      this.memory = this.withoutWithdrawn(ranking);
      // Withdrawals older than the served list can't concern it or any later one.
      const horizon = this.memory.generatedAt.getTime() - CLOCK_SKEW_MS;
      for (const [id, at] of this.withdrawn) if (at < horizon) this.withdrawn.delete(id);
    }
    this.checkedAt = Date.now();
  }

  /** Records withdrawals and takes them out of the list in memory (a new object only when it changes). */
  private noteWithdrawn(entries: Array<[string, number]>): void {
    for (const [id, at] of entries) {
      if (at > (this.withdrawn.get(id) ?? -Infinity)) this.withdrawn.set(id, at);
    }
    if (this.memory) this.memory = this.withoutWithdrawn(this.memory);
  }

  /** The list without the articles withdrawn after (or just before) its computation started. */
  private withoutWithdrawn(ranking: Ranking): Ranking {
    if (this.withdrawn.size === 0) return ranking;
    const since = ranking.generatedAt.getTime() - CLOCK_SKEW_MS;
    const items = ranking.items.filter(
      (i) => !((this.withdrawn.get(i.card.id) ?? -Infinity) >= since),
    );
    return items.length === ranking.items.length ? ranking : { ...ranking, items };
  }

  /** Learns the withdrawals other instances recorded since `since` (minus the clock margin); Redis down: keeps what it knows. */
  private async syncWithdrawn(since: Date): Promise<void> {
    const entries = await this.withdrawals.since(since.getTime() - CLOCK_SKEW_MS);
    if (entries.length > 0) this.noteWithdrawn(entries);
  }

  private readRedis(): Promise<Ranking | null> {
    return this.cache.get(RANKING_KEY, revive);
  }

  /** See computeRanking; this adds the log line. */
  private async compute(): Promise<Ranking> {
    const started = Date.now();
    const { ranking, scanned } = await computeRanking(
      this.articles,
      this.reactions,
      this.clock.now(),
    );
    this.logger.log(`ranking computed over ${scanned} articles in ${Date.now() - started} ms`);
    return ranking;
  }
}
