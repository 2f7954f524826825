import { DEFAULT_IPV6_SUBNET_PREFIX, normalizeIp, ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RedisThrottlerStorage } from './redis-throttler.storage';

/** The one per-IP budget (RATE_LIMIT_PER_MINUTE), shared by every route of the process. */
export const PER_IP_THROTTLER = 'default';
export const PER_IP_WINDOW_MS = 60_000;

/** The throttler key of a client: the same for every route, so all of them draw on one budget. */
export function perIpKey(name: string, tracker: string): string {
  return `${name}:${tracker}`;
}

/**
 * The per-IP limit for routes outside Nest's guards (Fastify plugins such as the queue
 * dashboard): counts the request in the same budget as the API and, past the limit, returns a
 * ThrottlerException after setting Retry-After (the guard's behaviour); null otherwise.
 */
export function perIpLimiter(
  storage: RedisThrottlerStorage,
  limit: number,
): (request: FastifyRequest, reply: FastifyReply) => Promise<ThrottlerException | null> {
  return async (request, reply) => {
    const tracker = normalizeIp(request.ip, DEFAULT_IPV6_SUBNET_PREFIX);
    const record = await storage.increment(
      perIpKey(PER_IP_THROTTLER, tracker),
      PER_IP_WINDOW_MS,
      limit,
      0,
      PER_IP_THROTTLER,
    );
    if (!record.isBlocked) return null;
    reply.header('Retry-After', String(record.timeToBlockExpire));
    return new ThrottlerException();
  };
}
