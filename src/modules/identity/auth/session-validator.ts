import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@domain/shared/clock';
import { DependencyUnavailableError } from '@domain/shared/domain-error';
import { SESSION_STATE_CACHE, SessionStateCache } from '@domain/identity/session-state-cache.port';
import { SESSION_REPOSITORY, SessionRepository } from '@domain/identity/session.repository';
import { AppConfig } from '@infra/config/app-config';

/** Upper bound on how long a cached "active" can outlive a revocation the cache never heard of. */
const MAX_CACHE_SECONDS = 60;

/**
 * Is this session still alive? Asked on every authenticated request, so answered from the
 * cache (Redis) when possible, from the database otherwise (a cache outage slows requests
 * down, it does not lock anybody out). Ending a session writes the database first, then marks
 * the cache.
 */
@Injectable()
export class SessionValidator {
  constructor(
    @Inject(SESSION_STATE_CACHE) private readonly cache: SessionStateCache,
    @Inject(SESSION_REPOSITORY) private readonly sessions: SessionRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async isActive(sessionId: string): Promise<boolean> {
    const cached = await this.cache.get(sessionId).catch(withoutCache);
    if (cached !== null) return cached;
    const session = await this.sessions.findById(sessionId);
    const active = session?.isActive(this.clock.now()) ?? false;
    const ttl = active
      ? Math.min(
          MAX_CACHE_SECONDS,
          Math.ceil((session!.expiresAt.getTime() - this.clock.now().getTime()) / 1000),
        )
      : this.config.env.ACCESS_TOKEN_TTL_SECONDS;
    if (ttl > 0) await this.cache.put(sessionId, active, ttl).catch(withoutCache);
    return active;
  }

  /** Call after the database change committed. */
  async markEnded(sessionIds: string[]): Promise<void> {
    if (sessionIds.length === 0) return;
    await this.cache
      .putEnded(sessionIds, this.config.env.ACCESS_TOKEN_TTL_SECONDS)
      .catch(withoutCache);
  }
}

function withoutCache(err: unknown): null {
  if (err instanceof DependencyUnavailableError) return null;
  throw err;
}
