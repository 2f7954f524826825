import { Inject, Injectable } from '@nestjs/common';
import { type RedisClient } from '@infra/redis/redis-client';
import { SessionStateCache } from '@domain/identity/session-state-cache.port';
import { DependencyUnavailableError } from '@domain/shared/domain-error';
import { REDIS } from '@infra/redis/redis.token';

const ACTIVE = '1';
const ENDED = '0';

/** `session:<id>` → `1` (active) or `0` (ended), with a TTL. */
@Injectable()
export class RedisSessionStateCache implements SessionStateCache {
  constructor(@Inject(REDIS) private readonly redis: RedisClient) {}

  async get(sessionId: string): Promise<boolean | null> {
    const cached = await this.redis.get(key(sessionId)).catch(unavailable);
    if (cached === ACTIVE) return true;
    if (cached === ENDED) return false;
    return null;
  }

  async put(sessionId: string, active: boolean, ttlSeconds: number): Promise<void> {
    await this.redis
      .set(key(sessionId), active ? ACTIVE : ENDED, 'EX', ttlSeconds)
      .catch(unavailable);
  }

  async putEnded(sessionIds: readonly string[], ttlSeconds: number): Promise<void> {
    // One SET per session in the same tick: the client's auto-pipelining sends them in one write
    // (per node in a cluster, where a pipeline may not span slots).
    await Promise.all(
      sessionIds.map((id) => this.redis.set(key(id), ENDED, 'EX', ttlSeconds)),
    ).catch(unavailable);
  }
}

function key(sessionId: string): string {
  return `session:${sessionId}`;
}

function unavailable(): never {
  throw new DependencyUnavailableError('The session cache is unavailable');
}
