import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  COMMENT_POST_COUNTER,
  CommentPostCounter,
} from '@domain/interaction/comments/comment-post-counter.port';
import { DependencyUnavailableError, RateLimitedError } from '@domain/shared/domain-error';
import { AppConfig } from '@infra/config/app-config';

const WINDOW_SECONDS = 60;

/**
 * At most COMMENT_RATE_LIMIT_PER_MINUTE posts per user in any 60 s, across instances (the
 * counter lives in Redis). Without Redis it fails open (API.md Resilience: rate limits may),
 * logged at most every 10 s; the per-IP limit still applies.
 */
@Injectable()
export class CommentRateLimit {
  private readonly logger = new Logger(CommentRateLimit.name);
  private warnedAt = 0;

  constructor(
    @Inject(COMMENT_POST_COUNTER) private readonly counter: CommentPostCounter,
    private readonly config: AppConfig,
  ) {}

  /** Counts one post; the token gives it back with `release`. Null: not counted (fail-open). */
  async reserve(userId: string): Promise<string | null> {
    const max = this.config.env.COMMENT_RATE_LIMIT_PER_MINUTE;
    const result = await this.counter
      .reserve(userId, max, WINDOW_SECONDS)
      .catch((err: unknown) => this.failOpen(err));
    if (!result) return null;
    if (!result.reserved)
      throw new RateLimitedError(
        result.retryAfterSeconds,
        `At most ${max} comments per minute; try again later`,
      );
    return result.token;
  }

  /** The post was refused (404, 422…): it does not count. */
  async release(userId: string, token: string | null): Promise<void> {
    if (token)
      await this.counter.release(userId, token).catch((err: unknown) => this.failOpen(err));
  }

  private failOpen(err: unknown): null {
    if (!(err instanceof DependencyUnavailableError)) throw err;
    if (Date.now() - this.warnedAt > 10_000) {
      this.warnedAt = Date.now();
      this.logger.warn(`comment rate limit unavailable, not limiting: ${err.message}`);
    }
    return null;
  }
}
