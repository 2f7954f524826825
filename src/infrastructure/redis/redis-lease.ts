import { randomBytes } from 'node:crypto';
import type { FactoryProvider } from '@nestjs/common';
import type { RedisClient } from './redis-client';
import { REDIS } from './redis.token';

// Only the holder (same token) may extend or release: a lease that expired and was taken by
// another instance is never released or extended by the old holder.
const EXTEND = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** A Redis lock with a lease (SET NX PX) and token-checked extend/release (Lua). */
export class RedisLease {
  private constructor(
    private readonly redis: RedisClient,
    readonly key: string,
    private readonly token: string,
  ) {}

  /** Null when another holder has it (or Redis is unreachable: then nobody can prove they hold it). */
  static async acquire(
    redis: RedisClient,
    key: string,
    leaseMs: number,
  ): Promise<RedisLease | null> {
    const token = randomBytes(16).toString('hex');
    const ok = await redis.set(key, token, 'PX', leaseMs, 'NX').catch(() => null);
    return ok === 'OK' ? new RedisLease(redis, key, token) : null;
  }

  /** Returns false when the lease was lost (expired and possibly taken over). */
  async extend(leaseMs: number): Promise<boolean> {
    const result = await this.redis.eval(EXTEND, 1, this.key, this.token, leaseMs).catch(() => 0);
    return result === 1;
  }

  async release(): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key, this.token).catch(() => undefined);
  }
}

export interface LeaseTerms {
  /** How long the lease lives without a heartbeat (a crashed holder frees it after this). */
  leaseMs: number;
  /** How often the holder extends it to `leaseMs` while the work runs. */
  heartbeatMs: number;
}

/**
 * "At most one instance at a time" over the shared Redis client: runs work while holding a
 * lease on a key, extended by a heartbeat and released at the end. A lost lease (e.g. a long
 * GC pause) is not noticed by the work: use it where a rare duplicate run is harmless.
 */
export class RedisLeases {
  constructor(private readonly redis: RedisClient) {}

  /** The work's result, or undefined (work not run) when another holder has the lease. */
  async whileHeld<T>(
    key: string,
    terms: LeaseTerms,
    work: () => Promise<T>,
  ): Promise<T | undefined> {
    const lease = await RedisLease.acquire(this.redis, key, terms.leaseMs);
    if (!lease) return undefined;
    const heartbeat = setInterval(() => void lease.extend(terms.leaseMs), terms.heartbeatMs);
    try {
      return await work();
    } finally {
      clearInterval(heartbeat);
      await lease.release();
    }
  }
}

/**
 * Registers RedisLeases over the shared client. A factory rather than decorators keeps this file
 * free of Nest at runtime, so the e2e tests (plain CommonJS Jest) can load RedisLease.
 */
export const redisLeasesProvider: FactoryProvider<RedisLeases> = {
  provide: RedisLeases,
  inject: [REDIS],
  useFactory: (redis: RedisClient) => new RedisLeases(redis),
};
