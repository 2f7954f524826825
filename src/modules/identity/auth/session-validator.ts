import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { CLOCK, Clock } from '../../../domain/shared/clock';
import { SESSION_REPOSITORY, SessionRepository } from '../../../domain/identity/session.repository';
import { AppConfig } from '../../../infrastructure/config/app-config';
import { REDIS } from '../../../infrastructure/redis/redis.token';

const ACTIVE = '1';
const ENDED = '0';
/** Upper bound on how long a cached "active" can outlive a revocation Redis never heard of. */
const MAX_CACHE_SECONDS = 60;

/**
 * Is this session still alive? Asked on every authenticated request, so answered from Redis
 * when possible, from the database otherwise (a Redis outage slows requests down, it does not
 * lock anybody out). Ending a session writes the database first, then marks the cache.
 */
@Injectable()
export class SessionValidator {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(SESSION_REPOSITORY) private readonly sessions: SessionRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async isActive(sessionId: string): Promise<boolean> {
    const cached = await this.redis.get(key(sessionId)).catch(() => null);
    if (cached === ACTIVE) return true;
    if (cached === ENDED) return false;
    const session = await this.sessions.findById(sessionId);
    const active = session?.isActive(this.clock.now()) ?? false;
    const ttl = active
      ? Math.min(MAX_CACHE_SECONDS, Math.ceil((session!.expiresAt.getTime() - this.clock.now().getTime()) / 1000))
      : this.config.env.ACCESS_TOKEN_TTL_SECONDS;
    if (ttl > 0) await this.redis.set(key(sessionId), active ? ACTIVE : ENDED, 'EX', ttl).catch(() => undefined);
    return active;
  }

  /** Call after the database change committed. */
  async markEnded(sessionIds: string[]): Promise<void> {
    if (sessionIds.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const id of sessionIds) pipeline.set(key(id), ENDED, 'EX', this.config.env.ACCESS_TOKEN_TTL_SECONDS);
    await pipeline.exec().catch(() => undefined);
  }
}

function key(sessionId: string): string {
  return `session:${sessionId}`;
}
