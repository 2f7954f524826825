import { Inject, Injectable } from '@nestjs/common';
import {
  CommentPostCounter,
  CommentPostReservation,
} from '@domain/interaction/comments/comment-post-counter.port';
import { DependencyUnavailableError } from '@domain/shared/domain-error';
import { newId } from '@domain/shared/uuid';
import type { RedisClient } from '@infra/redis/redis-client';
import { hashTag } from '@infra/redis/redis-keys';
import { REDIS } from '@infra/redis/redis.token';

// KEYS: the user's log (sorted set: reservation token → ms). ARGV: now ms, window ms, max, token.
// Forget what left the window, then count or refuse in the same step, so parallel posts can't
// slip past the limit. Refused: the wait until the oldest post leaves the window.
const RESERVE = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, tonumber(oldest[2]) + window - now}
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], window)
return {1, 0}
`;

/**
 * A sliding log per user: one sorted-set member per post in the window. Times are the API
 * instances' clocks (kept in step by NTP; a skew of a few ms moves a window's end by as much).
 */
@Injectable()
export class RedisCommentPostCounter implements CommentPostCounter {
  constructor(@Inject(REDIS) private readonly redis: RedisClient) {}

  async reserve(
    userId: string,
    max: number,
    windowSeconds: number,
  ): Promise<CommentPostReservation> {
    const token = newId();
    const [reserved, waitMs] = (await this.redis
      .eval(RESERVE, 1, commentPostKey(userId), Date.now(), windowSeconds * 1000, max, token)
      .catch(unavailable)) as [number, number];
    return reserved === 1
      ? { reserved: true, token }
      : { reserved: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  async release(userId: string, token: string): Promise<void> {
    await this.redis.zrem(commentPostKey(userId), token).catch(unavailable);
  }
}

export function commentPostKey(userId: string): string {
  return `interaction:comment-posts:${hashTag(userId)}`;
}

function unavailable(): never {
  throw new DependencyUnavailableError('Comment rate counters are unavailable');
}
