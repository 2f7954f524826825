import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';

// Only the holder (same token) may extend or release: a lease that expired and was taken by
// another instance is never released or extended by the old holder.
const EXTEND = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** A Redis lock with a lease (SET NX PX) and token-checked extend/release (Lua). */
export class RedisLease {
  private constructor(
    private readonly redis: Redis,
    readonly key: string,
    private readonly token: string,
  ) {}

  /** Null when another holder has it (or Redis is unreachable: then nobody can prove they hold it). */
  static async acquire(redis: Redis, key: string, leaseMs: number): Promise<RedisLease | null> {
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
