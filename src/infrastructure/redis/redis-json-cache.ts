import { Inject, Injectable } from '@nestjs/common';
import { isCluster, type RedisClient } from './redis-client';
import { REDIS } from './redis.token';

/**
 * Turns the parsed JSON back into the cached type (dates travel as ISO strings). A throw means
 * the entry is not what this code writes: it counts as a miss.
 */
export type Revive<T> = (json: unknown) => T;

const asIs = <T>(json: unknown) => json as T;
const ignore = () => undefined;

/**
 * The one way application code caches values in Redis: JSON under a key, with a TTL in seconds.
 * The cache is optional by contract: a Redis failure is never an error to the caller. A read
 * that fails, finds nothing or finds an unreadable entry is a miss (the caller loads from the
 * database); a write or delete that fails is dropped (or reported to `onError`).
 *
 * In cluster mode the keys of one call live in different slots (one per article), which MGET,
 * a pipeline and a multi-key DEL refuse (CROSSSLOT): there every key gets its own command,
 * issued in the same tick so auto-pipelining still sends one batch per node.
 */
@Injectable()
export class RedisJsonCache {
  constructor(@Inject(REDIS) private readonly redis: RedisClient) {}

  async get<T>(key: string, revive: Revive<T> = asIs): Promise<T | null> {
    const raw = await this.redis.get(key).catch(() => null);
    return decode(raw, revive);
  }

  /** One round trip (MGET; per node in cluster mode) for many keys; the answer is in the order of `keys`. */
  async getMany<T>(keys: readonly string[], revive: Revive<T> = asIs): Promise<Array<T | null>> {
    if (keys.length === 0) return [];
    const raws = isCluster(this.redis)
      ? await Promise.all(keys.map((key) => this.redis.get(key).catch(() => null)))
      : await this.redis.mget([...keys]).catch(() => keys.map(() => null));
    return raws.map((raw) => decode(raw, revive));
  }

  async set(
    key: string,
    value: unknown,
    ttlSeconds: number,
    onError: (err: Error) => void = ignore,
  ): Promise<void> {
    await this.redis
      .set(key, JSON.stringify(value), 'EX', ttlSeconds)
      .then(() => undefined, onError);
  }

  /**
   * One SET … EX per entry, all in the same tick: the client's auto-pipelining sends them in one
   * write (per node in a cluster, where one command may not span slots), as a pipeline would.
   */
  async setMany(
    entries: ReadonlyArray<readonly [string, unknown]>,
    ttlSeconds: number,
  ): Promise<void> {
    await Promise.all(entries.map(([key, value]) => this.set(key, value, ttlSeconds)));
  }

  /** One DEL per key in the same tick (auto-pipelined, as `setMany`). */
  async delete(...keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.redis.del(key).catch(ignore)));
  }
}

function decode<T>(raw: string | null, revive: Revive<T>): T | null {
  if (!raw) return null;
  try {
    return revive(JSON.parse(raw));
  } catch {
    return null;
  }
}
