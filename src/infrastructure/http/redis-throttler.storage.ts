import { Inject, Injectable, Logger } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { RedisClient } from '../redis/redis-client';
import { REDIS } from '../redis/redis.token';

interface ThrottlerStorageRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

/** This process's view of one key's window: the last global count from Redis plus what it added since. */
interface LocalWindow {
  globalHits: number;
  pending: number;
  expiresAt: number;
  syncedAt: number;
  syncing?: Promise<void>;
}

// Fixed window per key: adds this process's hits, returns the global total and the window's ttl.
const HIT_SCRIPT = `
local hits = redis.call('INCRBY', KEYS[1], ARGV[2])
if hits == tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
return {hits, ttl}
`;

/** How long a process may count a key locally before adding its hits to the shared counter. */
const SYNC_EVERY_MS = 100;
const MAX_KEYS = 100_000;

type HitCommand = (key: string, ttlMs: number, hits: number) => Promise<[number, number]>;

/**
 * @nestjs/throttler storage shared through Redis so the per-IP limit holds across instances,
 * without a Redis round trip on every request: each process counts a key locally and adds its
 * hits to the Redis counter at most every 100 ms (and on a key's first hit), reading back the
 * global total. Within one process the count is exact; across N processes a flood may overshoot
 * the limit by what they admit in one sync interval. When Redis is unreachable each process
 * keeps limiting on its own count (API.md Resilience allows failing open; this is stricter).
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly windows = new Map<string, LocalWindow>();
  private readonly hit: HitCommand;
  private lastWarning = 0;

  constructor(@Inject(REDIS) redis: RedisClient) {
    redis.defineCommand('atriumThrottleHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    const command = (
      redis as unknown as Record<
        string,
        (k: string, t: number, h: number) => Promise<[number, number]>
      >
    ).atriumThrottleHit;
    this.hit = (key, ttlMs, hits) => command.call(redis, key, ttlMs, hits);
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    _blockDuration: number,
    name: string,
  ): Promise<ThrottlerStorageRecord> {
    const redisKey = `throttle:${name}:${key}`;
    const now = Date.now();
    let window = this.windows.get(redisKey);
    if (!window || window.expiresAt <= now) {
      if (this.windows.size >= MAX_KEYS) this.prune(now);
      window = { globalHits: 0, pending: 0, expiresAt: now + ttl, syncedAt: 0 };
      this.windows.set(redisKey, window);
    }
    window.pending++;
    if (now - window.syncedAt >= SYNC_EVERY_MS) {
      window.syncing ??= this.sync(redisKey, window, ttl);
      await window.syncing;
    }
    const totalHits = window.globalHits + window.pending;
    const timeToExpire = Math.max(1, Math.ceil((window.expiresAt - Date.now()) / 1000));
    const isBlocked = totalHits > limit;
    return { totalHits, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 };
  }

  private async sync(redisKey: string, window: LocalWindow, ttl: number): Promise<void> {
    const hits = window.pending;
    try {
      const [total, pttl] = await this.hit(redisKey, ttl, hits);
      window.globalHits = total;
      window.pending -= hits;
      if (pttl > 0) window.expiresAt = Date.now() + pttl;
    } catch (err) {
      // Fail open: keep counting locally and try Redis again at the next interval.
      if (Date.now() - this.lastWarning > 10_000) {
        this.lastWarning = Date.now();
        this.logger.warn(
          `rate limit storage unavailable, counting locally: ${(err as Error).message}`,
        );
      }
    } finally {
      window.syncedAt = Date.now();
      window.syncing = undefined;
    }
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) if (window.expiresAt <= now) this.windows.delete(key);
    // Still full (a flood of distinct keys): forget the oldest half; Redis keeps their counts.
    if (this.windows.size >= MAX_KEYS) {
      let drop = this.windows.size / 2;
      for (const key of this.windows.keys()) {
        if (drop-- <= 0) break;
        this.windows.delete(key);
      }
    }
  }
}
